/**
 * What both configuration front-ends need for STS: the connection (region, endpoint,
 * fetch) and the source of AWS MFA codes.
 *
 * @module
 */
import { CredentialsProviderError } from "../credentials/errors.ts";
import type { Platform } from "../credentials/platform/types.ts";
import type { MfaPrompt } from "../saml/adapter.ts";
import type { MfaCodeProvider } from "../credentials/profile/callbacks.ts";
import type { StsConnection } from "../sts/connection.ts";
import type { ConfigOptions } from "./options.ts";

/**
 * The STS connection for a configuration naming `region`: that region (else `AWS_REGION`,
 * else `AWS_DEFAULT_REGION`, else STS's `us-east-1`), `options.stsEndpoint` (else the
 * endpoint configured on `platform`, as for every STS client) and `options.fetch`.
 */
export function stsConnectionFor(
  options: ConfigOptions,
  platform: Platform,
  region: string | undefined,
): StsConnection {
  return {
    region: region ?? platform.env("AWS_REGION") ?? platform.env("AWS_DEFAULT_REGION"),
    endpoint: options.stsEndpoint,
    fetch: options.fetch,
    platform,
  };
}

/**
 * The MFA codes for device `serial`: the configured code (CData's `MFAToken`, Airflow's
 * `TokenCode`) the first time; afterwards — the code has been used, and STS refuses a code
 * twice — a fresh one from `prompt`, or the configured code again when there is no prompt
 * (the seed systems' behaviour: their sessions then fail at renewal). Without either,
 * `undefined`: the caller reports what is missing.
 */
export function mfaCodeSource(
  configured: string | undefined,
  prompt: MfaPrompt | undefined,
): MfaCodeProvider | undefined {
  if (configured === undefined && prompt === undefined) return undefined;
  let used = false;
  return async (serial) => {
    if (configured !== undefined && (!used || prompt === undefined)) {
      used = true;
      return configured;
    }
    const code = await prompt!({
      kind: "code",
      factor: "aws-mfa",
      message: `Enter the current code of MFA device ${serial}.`,
    });
    if (!code) {
      throw new CredentialsProviderError(`No code was entered for MFA device ${serial}.`, {
        tryNextLink: false,
      });
    }
    return code;
  };
}

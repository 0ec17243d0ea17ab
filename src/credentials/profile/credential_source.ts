import type { CredentialProvider } from "../../sigv4/credentials.ts";
import { CredentialSettingError, ProviderOptionMissingError } from "../errors.ts";
import { fromEnv } from "../from_env.ts";
import type { Platform } from "../platform/types.ts";

/**
 * The values `credential_source` may take, as the AWS CLI and SDKs define them (exact case).
 *
 * @example
 * ```ts
 * import { CREDENTIAL_SOURCES } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * assert(CREDENTIAL_SOURCES.includes("EcsContainer"));
 * ```
 */
export const CREDENTIAL_SOURCES: readonly string[] = Object.freeze([
  "Environment",
  "Ec2InstanceMetadata",
  "EcsContainer",
]);

/**
 * Providers for the `credential_source` values of profiles. `Environment` defaults to
 * `fromEnv` on the same platform; the others have to be passed (e.g. `fromImds()`,
 * `fromContainer()`), so that bundles that never use them do not carry them.
 *
 * @example
 * ```ts
 * import { type CredentialSources, fromStatic } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const sources: CredentialSources = {
 *   Ec2InstanceMetadata: fromStatic({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }),
 * };
 * assertEquals(sources.EcsContainer, undefined);
 * ```
 */
export interface CredentialSources {
  /** For `credential_source = Environment`. Default: `fromEnv({ platform })`. */
  Environment?: CredentialProvider;
  /** For `credential_source = Ec2InstanceMetadata`. */
  Ec2InstanceMetadata?: CredentialProvider;
  /** For `credential_source = EcsContainer`. */
  EcsContainer?: CredentialProvider;
}

/**
 * The provider for `value`, the `credential_source` of profile `profile`. Throws
 * `CredentialSettingError` for a value that is not one of {@linkcode CREDENTIAL_SOURCES} and
 * `ProviderOptionMissingError` when the caller did not pass a provider for it.
 *
 * @example
 * ```ts
 * import { credentialSourceProvider } from "./credential_source.ts";
 * import { explicitPlatform } from "../platform/explicit.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({ env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "s" } });
 * const provider = credentialSourceProvider("Environment", "dev", {}, platform);
 * assertEquals((await provider()).accessKeyId, "AKIDEXAMPLE");
 * ```
 */
export function credentialSourceProvider(
  value: string,
  profile: string,
  sources: CredentialSources,
  platform: Platform,
): CredentialProvider {
  if (!CREDENTIAL_SOURCES.includes(value)) {
    throw new CredentialSettingError(
      `profile ${profile}`,
      "credential_source",
      `must be one of ${CREDENTIAL_SOURCES.join(", ")} (exact case).`,
    );
  }
  const provider = value === "Environment"
    ? sources.Environment ?? fromEnv({ platform })
    : sources[value as keyof CredentialSources];
  if (provider === undefined) {
    throw new ProviderOptionMissingError(
      `credentialSources.${value}`,
      `Profile ${profile} has credential_source = ${value}: pass a provider for it as ` +
        `the credentialSources.${value} option.`,
    );
  }
  return provider;
}

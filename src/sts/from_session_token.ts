import type { CredentialProvider, CredentialsInput } from "../sigv4/credentials.ts";
import { refreshing } from "../credentials/refreshing.ts";
import { StsClient } from "./client.ts";
import type { StsConnection } from "./connection.ts";
import { stsConnection } from "./from_assume_role.ts";
import type { MfaCodeProvider } from "../credentials/profile/callbacks.ts";
import { mfaParameters } from "./mfa_parameters.ts";

/**
 * Options of {@linkcode fromSessionToken}.
 */
export interface FromSessionTokenOptions extends StsConnection {
  /** The long-term (IAM user) credentials. */
  source: CredentialsInput;
  /** Session length in seconds; default 3600. */
  durationSeconds?: number;
  /** The MFA device's serial number or ARN; needs `mfaCodeProvider`. */
  mfaSerial?: string;
  /** Asked for the current MFA code whenever a new session is needed. */
  mfaCodeProvider?: MfaCodeProvider;
}

/**
 * Session credentials from STS `GetSessionToken` (with MFA when `mfaSerial` is given),
 * refreshed before they expire — CData's `MFA` scheme and the AWS CLI's MFA sessions.
 *
 * @example
 * ```ts
 * import { fromSessionToken } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const credentials = fromSessionToken({
 *   source: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   durationSeconds: 900,
 * });
 * assertEquals(typeof credentials, "function");
 * ```
 */
export function fromSessionToken(options: FromSessionTokenOptions): CredentialProvider {
  const { source, mfaSerial, mfaCodeProvider, durationSeconds = 3600, ...connection } = options;
  const sts = new StsClient({ ...stsConnection(connection), credentials: source });
  const mfa = mfaParameters("fromSessionToken", mfaSerial, mfaCodeProvider);
  return refreshing(async () => {
    const { credentials } = await sts.getSessionToken({
      DurationSeconds: durationSeconds,
      ...await mfa(),
    });
    return credentials;
  });
}

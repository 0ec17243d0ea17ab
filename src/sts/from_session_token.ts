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
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { fromSessionToken } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const sent: Record<string, string>[] = []; // the form body of each STS call
 * const fetch = async (input: RequestInfo | URL) => {
 *   sent.push(Object.fromEntries(new URLSearchParams(await (input as Request).text())));
 *   return new Response(
 *     "<GetSessionTokenResponse><GetSessionTokenResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
 *       "<SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration></Credentials></GetSessionTokenResult></GetSessionTokenResponse>",
 *   );
 * };
 * const credentials = fromSessionToken({
 *   source: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   durationSeconds: 900,
 *   mfaSerial: "arn:aws:iam::123456789012:mfa/alice",
 *   mfaCodeProvider: () => Promise.resolve("123456"), // e.g. asked of the user
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // no AWS_* variables
 * });
 * assertEquals((await credentials()).sessionToken, "token");
 * assertEquals(sent, [{
 *   Action: "GetSessionToken", Version: "2011-06-15", DurationSeconds: "900",
 *   SerialNumber: "arn:aws:iam::123456789012:mfa/alice", TokenCode: "123456",
 * }]);
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

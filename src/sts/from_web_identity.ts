import type { CredentialProvider } from "../sigv4/credentials.ts";
import { refreshing } from "../credentials/refreshing.ts";
import { defaultPlatform } from "../credentials/platform/default.ts";
import { CredentialsProviderError } from "../credentials/errors.ts";
import type { Platform } from "../credentials/platform/types.ts";
import { StsClient } from "./client.ts";
import type { StsConnection } from "./connection.ts";
import { stsConnection } from "./from_assume_role.ts";
import { roleSessionName } from "../credentials/profile/session_name.ts";

/**
 * Options of {@linkcode fromWebIdentity}. Unset values come from the environment, as in
 * EKS (IRSA) and GitHub Actions: `AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE`,
 * `AWS_ROLE_SESSION_NAME`, `AWS_REGION`.
 */
export interface FromWebIdentityOptions extends StsConnection {
  /** The role to assume. */
  roleArn?: string;
  /** The OIDC token, or a function returning a fresh one (e.g. the token a page already has). */
  webIdentityToken?: string | (() => Promise<string>);
  /** A file holding the token, re-read at each refresh (Kubernetes rotates it). */
  webIdentityTokenFile?: string;
  /** The session name; default `AWS_ROLE_SESSION_NAME`, else `iamfetch-<milliseconds>`. */
  roleSessionName?: string;
  /** Session length in seconds. */
  durationSeconds?: number;
  /** For OAuth 2.0 providers only. */
  providerId?: string;
  /** An inline session policy (JSON). */
  policy?: string;
  /** Where environment variables and the token file come from. */
  platform?: Platform;
}

/**
 * Credentials from STS `AssumeRoleWithWebIdentity` for an OIDC token (from a string, a
 * function or a file), refreshed before they expire. Needs no AWS credentials.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { fromWebIdentity } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * const sent: Record<string, string>[] = []; // the form body of each STS call
 * const fetch = async (input: RequestInfo | URL) => {
 *   sent.push(Object.fromEntries(new URLSearchParams(await (input as Request).text())));
 *   return new Response(
 *     "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>" +
 *       "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2100-01-01T00:00:00Z</Expiration>" +
 *       "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
 *   );
 * };
 * const credentials = fromWebIdentity({
 *   roleArn: "arn:aws:iam::123456789012:role/web",
 *   webIdentityToken: () => Promise.resolve("eyJhbGciOi..."), // e.g. the token a page already has
 *   roleSessionName: "page",
 *   fetch,
 *   platform: explicitPlatform({ env: {} }), // no AWS_* variables
 * });
 * const { accessKeyId, expiration } = await credentials();
 * assertEquals(accessKeyId, "ASIAEXAMPLE");
 * assertEquals(expiration, new Date("2100-01-01T00:00:00Z"));
 * assertEquals(sent, [{
 *   Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", RoleArn: "arn:aws:iam::123456789012:role/web",
 *   RoleSessionName: "page", WebIdentityToken: "eyJhbGciOi...",
 * }]);
 * ```
 */
export function fromWebIdentity(options: FromWebIdentityOptions = {}): CredentialProvider {
  const platform = options.platform ?? defaultPlatform();
  const roleArn = options.roleArn ?? platform.env("AWS_ROLE_ARN");
  const tokenFile = options.webIdentityTokenFile ?? platform.env("AWS_WEB_IDENTITY_TOKEN_FILE");
  const sts = new StsClient({
    ...stsConnection(options),
    region: options.region ?? platform.env("AWS_REGION") ?? platform.env("AWS_DEFAULT_REGION"),
  });
  return refreshing(async () => {
    if (!roleArn || (options.webIdentityToken === undefined && !tokenFile)) {
      throw new CredentialsProviderError(
        "Web identity needs a role ARN and a token: set AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, or pass roleArn and webIdentityToken.",
      );
    }
    const { credentials } = await sts.assumeRoleWithWebIdentity({
      RoleArn: roleArn,
      RoleSessionName: roleSessionName(
        options.roleSessionName ?? platform.env("AWS_ROLE_SESSION_NAME"),
      ),
      WebIdentityToken: await webIdentityToken(options, tokenFile, platform),
      DurationSeconds: options.durationSeconds,
      ProviderId: options.providerId,
      Policy: options.policy,
    });
    return credentials;
  });
}

async function webIdentityToken(
  options: FromWebIdentityOptions,
  tokenFile: string | undefined,
  platform: Platform,
): Promise<string> {
  const given = options.webIdentityToken;
  if (typeof given === "string") return given;
  if (typeof given === "function") return await given();
  // A path the runtime cannot open (a NUL, a directory, no permission) is reported like a
  // missing file, not as the runtime's bare TypeError.
  const token = (await platform.readTextFile(tokenFile as string).catch(() => undefined))?.trim();
  if (!token) {
    throw new CredentialsProviderError("The web identity token file cannot be read or is empty.", {
      tryNextLink: false,
    });
  }
  return token;
}

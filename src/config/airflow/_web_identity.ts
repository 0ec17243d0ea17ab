/**
 * Airflow's `assume_role_method: assume_role_with_web_identity` (seed 002): a token from
 * Google (`assume_role_with_web_identity_federation: google`, a service-account ID token
 * for `…_federation_audience`) or from a file (`file`, `…_token_file` or
 * `AWS_WEB_IDENTITY_TOKEN_FILE`), exchanged with `fromWebIdentity`.
 *
 * @module
 */
import type { CredentialProvider } from "../../sigv4/credentials.ts";
import type { Platform } from "../../credentials/platform/types.ts";
import {
  googleIdTokenSource,
  type GoogleServiceAccount,
} from "../../web_identity/google_id_token.ts";
import { fromWebIdentity } from "../../sts/from_web_identity.ts";
import type { StsConnection } from "../../sts/connection.ts";
import type { AssumeRoleKwargs } from "./_assume_role_kwargs.ts";
import type { ExtrasReader } from "./_extras.ts";
import { AirflowConnectionError } from "../errors.ts";
import type { ConfigOptions } from "../options.ts";

// Airflow's default `target_audience` for Google ID tokens.
const DEFAULT_GOOGLE_AUDIENCE = "aws-federation.airflow.apache.org";

// Airflow uses Google's Application Default Credentials; of those, the service-account key
// file named by GOOGLE_APPLICATION_CREDENTIALS is what can be read without Google's SDK.
async function googleServiceAccount(platform: Platform): Promise<GoogleServiceAccount> {
  const path = platform.env("GOOGLE_APPLICATION_CREDENTIALS");
  const problem = (what: string) =>
    new AirflowConnectionError(
      `assume_role_with_web_identity_federation=google needs a service-account key file: ${what}`,
      { extra: "assume_role_with_web_identity_federation" },
    );
  if (!path) throw problem("set GOOGLE_APPLICATION_CREDENTIALS to its path.");
  const text = await platform.readTextFile(path);
  if (text === undefined) throw problem(`${path} (GOOGLE_APPLICATION_CREDENTIALS) does not exist.`);
  let key: Record<string, unknown>;
  try {
    key = JSON.parse(text);
  } catch {
    throw problem(`${path} is not JSON.`);
  }
  if (
    key.type !== "service_account" || typeof key.client_email !== "string" ||
    typeof key.private_key !== "string"
  ) {
    throw problem(`${path} is not a service_account key (type, client_email, private_key).`);
  }
  return key as unknown as GoogleServiceAccount;
}

/** The provider of an `assume_role_with_web_identity` connection. */
export function airflowWebIdentityCredentials(
  extra: ExtrasReader,
  roleArn: string,
  kwargs: AssumeRoleKwargs,
  roleSessionName: string | undefined,
  context: { options: ConfigOptions; platform: Platform; sts: StsConnection },
): CredentialProvider {
  const { options, platform, sts } = context;
  const federation = extra.string("assume_role_with_web_identity_federation");
  const audience = extra.string("assume_role_with_web_identity_federation_audience");
  const tokenFile = extra.string("assume_role_with_web_identity_token_file");
  let token: { webIdentityToken: () => Promise<string> } | { webIdentityTokenFile: string };
  if (federation === "google") {
    let idToken: (() => Promise<string>) | undefined;
    token = {
      webIdentityToken: async () => {
        idToken ??= googleIdTokenSource({
          serviceAccount: await googleServiceAccount(platform),
          audience: audience ?? DEFAULT_GOOGLE_AUDIENCE,
          fetch: options.idpFetch,
        });
        return await idToken();
      },
    };
  } else if (federation === "file") {
    const file = tokenFile ?? platform.env("AWS_WEB_IDENTITY_TOKEN_FILE");
    if (!file) {
      throw new AirflowConnectionError(
        "assume_role_with_web_identity_federation=file needs " +
          "assume_role_with_web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE.",
        { extra: "assume_role_with_web_identity_token_file" },
      );
    }
    token = { webIdentityTokenFile: file };
  } else {
    throw new AirflowConnectionError(
      `assume_role_with_web_identity_federation must be google or file${
        federation === undefined ? " (it is missing)" : ""
      }.`,
      { extra: "assume_role_with_web_identity_federation" },
    );
  }
  return fromWebIdentity({
    ...sts,
    platform,
    roleArn,
    ...token,
    roleSessionName: kwargs.RoleSessionName ?? roleSessionName,
    durationSeconds: kwargs.DurationSeconds,
    policy: kwargs.Policy,
    providerId: kwargs.ProviderId,
  });
}

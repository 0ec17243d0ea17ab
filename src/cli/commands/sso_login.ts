import type { Credentials } from "../../sigv4/credentials.ts";
import { ssoLogin } from "../../credentials/sso/device_login.ts";
import { ssoAccessToken } from "../../credentials/sso/access_token.ts";
import { SsoPortalClient } from "../../credentials/sso/portal_client.ts";
import type { CliIo } from "../io.ts";
import type { ParsedArgs } from "../_parse_args.ts";
import { requiredValue } from "./_flag_values.ts";

/** The IAM Identity Center flags of `login --sso`. */
export const SSO_FLAGS: readonly string[] = [
  "start-url",
  "sso-region",
  "sso-session",
  "account-id",
  "role-name",
  "oidc-endpoint",
  "portal-endpoint",
];

/** Help text for {@linkcode SSO_FLAGS}. */
export const SSO_HELP =
  `IAM Identity Center (--sso), like \`aws sso login\`; the token cache is the AWS CLI's:
  --start-url URL         the AWS access portal URL
  --sso-region REGION     the Identity Center region
  --sso-session NAME      cache the token under this sso-session name (else the start URL)
  --account-id ID         with --role-name: get that role's credentials
  --role-name NAME        otherwise the accounts and roles you may use are listed`;

/**
 * `login --sso`: the device-authorization login, then the role's credentials when an
 * account and role are named (resolved to `undefined` after listing them otherwise).
 */
export async function ssoLoginCredentials(
  args: ParsedArgs,
  io: CliIo,
): Promise<Credentials | undefined> {
  const startUrl = requiredValue(args, "start-url", "login");
  const region = requiredValue(args, "sso-region", "login");
  const sessionName = args.values.get("sso-session");
  // --endpoint-url is the endpoint of every AWS call; the specific flags win over it.
  const endpointUrl = args.values.get("endpoint-url");
  const oidcEndpoint = args.values.get("oidc-endpoint") ?? endpointUrl;
  const profile = args.values.get("profile");
  const platform = {
    ...io.platform,
    writeTextFile: (path: string, text: string) => io.writeTextFile(path, text, { mode: 0o600 }),
  };
  const spinner: { stop(): void }[] = [];
  try {
    await ssoLogin({
      startUrl,
      region,
      sessionName,
      platform,
      profile,
      oidcEndpoint,
      fetch: io.fetch,
      onDeviceCode: (code) => {
        io.err(
          `Open ${code.verificationUriComplete ?? code.verificationUri} and confirm the code ` +
            `${code.userCode} (valid until ${code.expiresAt.toISOString()}).\n`,
        );
        platform.openUrl?.(code.verificationUriComplete ?? code.verificationUri).catch(() => {});
        spinner.push(io.spinner("Waiting for the browser sign-in…"));
      },
    });
  } finally {
    spinner.forEach((s) => s.stop());
  }
  const { accessToken } = await ssoAccessToken({
    sessionName,
    startUrl: sessionName === undefined ? startUrl : undefined,
    region,
    platform,
    profile,
    oidcEndpoint,
    fetch: io.fetch,
  });
  const portal = new SsoPortalClient({
    accessToken,
    region,
    platform,
    profile,
    endpoint: args.values.get("portal-endpoint") ?? endpointUrl,
    fetch: io.fetch,
  });
  const accountId = args.values.get("account-id");
  const roleName = args.values.get("role-name");
  if (accountId !== undefined && roleName !== undefined) {
    return await portal.getRoleCredentials({ accountId, roleName });
  }
  for (const account of await portal.listAccounts()) {
    const roles = await portal.listAccountRoles(account.accountId);
    io.out(
      `${account.accountId}  ${account.accountName ?? ""}\n` +
        roles.map((role) => `  ${role.roleName}\n`).join(""),
    );
  }
  return undefined;
}

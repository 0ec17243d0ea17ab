import type { Credentials } from "../../sigv4/credentials.ts";
import { fromSaml } from "../../saml/from_saml.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliUsageError } from "../errors.ts";
import type { CliIo } from "../io.ts";
import { CliPrompts } from "../_prompts.ts";
import type { Command } from "../_command.ts";
import { upsertIniSection } from "../_ini_section_writer.ts";
import type { ParsedArgs } from "../_parse_args.ts";
import { formatCredentials } from "./credentials.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";
import { IDP_FLAGS, IDP_HELP, samlAdapterFromFlags } from "./_login_adapters.ts";
import { SSO_FLAGS, SSO_HELP, ssoLoginCredentials } from "./sso_login.ts";
import { OKTA_OIE_FLAGS, OKTA_OIE_HELP, oktaOieCredentials } from "./_login_okta_oie.ts";

const PROFILE_NAME = /^[\w.@+-]+$/;

/** Writes `credentials` as profile `name` of the shared credentials file. */
async function writeProfile(io: CliIo, name: string, credentials: Credentials): Promise<string> {
  const home = io.platform.homeDir();
  const path = io.platform.env("AWS_SHARED_CREDENTIALS_FILE") ||
    (home === undefined ? undefined : `${home}/.aws/credentials`);
  if (path === undefined) {
    throw new CliUsageError("No home directory: set AWS_SHARED_CREDENTIALS_FILE.", "login");
  }
  const entries: [string, string][] = [
    ["aws_access_key_id", credentials.accessKeyId],
    ["aws_secret_access_key", credentials.secretAccessKey],
  ];
  if (credentials.sessionToken) entries.push(["aws_session_token", credentials.sessionToken]);
  // saml2aws's key: tools that manage these profiles read the expiry from it.
  if (credentials.expiration) {
    entries.push(["x_security_token_expires", credentials.expiration.toISOString()]);
  }
  const existing = await io.platform.readTextFile(path) ?? "";
  await io.writeTextFile(path, upsertIniSection(existing, name, entries), { mode: 0o600 });
  return path;
}

async function samlCredentials(args: ParsedArgs, io: CliIo, prompts: CliPrompts) {
  if (args.values.has("connection") || args.values.has("airflow-conn")) {
    return (await resolveCliConnection(args, io, prompts)).credentials();
  }
  if (args.values.get("idp") === "okta-oie") return await oktaOieCredentials(args, io, prompts);
  const adapter = samlAdapterFromFlags(args, io.platform);
  // In the browser the user signs in at the IdP's own page: nothing to ask here.
  const interactive = adapter.name !== "browser";
  const username = args.values.get("username") ??
    (interactive ? (await io.prompt("Username: ")).trim() : undefined);
  const connection = await resolveCliConnection(args, io, prompts);
  const provider = fromSaml({
    adapter,
    username,
    password: interactive ? prompts.loginPassword : undefined,
    mfa: prompts.mfa,
    idpFetch: io.fetch,
    roleArn: args.values.get("role-arn"),
    principalArn: args.values.get("principal-arn"),
    durationSeconds: wholeNumber(args, "duration-seconds", "login"),
    ...connection.endpoints,
    region: connection.region,
    endpoint: connection.endpoint,
    fetch: io.fetch,
  });
  return await provider();
}

/** `iamfetch login`: SAML federation to temporary credentials, saved as a profile or printed. */
export const loginCommand: Command = {
  name: "login",
  summary: "log in (SAML identity provider or IAM Identity Center); save or print credentials",
  help: `Usage: iamfetch login --idp NAME --idp-url URL [options] [--profile-out NAME | --format F]
       iamfetch login --connection "AuthScheme=Okta;…" [--profile-out NAME | --format F]
       iamfetch login --sso --start-url URL --sso-region R [--account-id ID --role-name N] [...]

Logs in at the identity provider (password and MFA codes asked on the terminal with hidden
input; IAMFETCH_PASSWORD for scripts), exchanges the SAML assertion at STS
(AssumeRoleWithSAML) and writes the credentials as a profile of the shared credentials file
(like saml2aws) or prints them.
  --profile-out NAME        write [NAME] to ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE)
  --format env|json|process print instead (default when no --profile-out: env)
  --username USER           the user at the IdP (asked when not given)
  --role-arn ARN            the role to assume when the assertion offers several
  --principal-arn ARN       the SAML provider, when several
  --duration-seconds SECS   session length (default: the assertion's, else 3600)
${IDP_HELP}
${OKTA_OIE_HELP}
${SSO_HELP}`,
  flags: {
    values: [
      "profile-out",
      "format",
      "username",
      "role-arn",
      "principal-arn",
      "duration-seconds",
      ...IDP_FLAGS,
      ...OKTA_OIE_FLAGS,
      ...SSO_FLAGS,
    ],
    switches: ["sso"],
  },
  async run(args, io) {
    const profileOut = args.values.get("profile-out");
    if (profileOut !== undefined && !PROFILE_NAME.test(profileOut)) {
      throw new CliUsageError("--profile-out must be letters, digits and . _ @ + -.", "login");
    }
    const format = args.values.get("format") ?? "env";
    if (!["env", "json", "process"].includes(format)) {
      throw new CliUsageError("--format must be one of env, json, process.", "login");
    }
    const sso = args.switches.has("sso");
    if (!sso && !args.values.has("connection") && !args.values.has("airflow-conn")) {
      requiredValue(args, "idp", "login");
    }
    const prompts = new CliPrompts(io);
    try {
      const credentials = sso
        ? await ssoLoginCredentials(args, io)
        : await samlCredentials(args, io, prompts);
      prompts.stop();
      if (credentials === undefined) return 0; // --sso without a role: the roles were listed
      if (profileOut !== undefined) {
        const path = await writeProfile(io, profileOut, credentials);
        const until = credentials.expiration
          ? ` until ${credentials.expiration.toISOString()}`
          : "";
        io.err(`Saved profile ${profileOut} in ${path}${until}.\n`);
      } else {
        io.out(formatCredentials(credentials, format));
      }
      return 0;
    } finally {
      prompts.stop();
    }
  },
};

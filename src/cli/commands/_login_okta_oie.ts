import type { Credentials } from "../../sigv4/credentials.ts";
import { fromSaml } from "../../saml/from_saml.ts";
import type { OktaAwsApp } from "../../saml/adapters/okta_oie/apps.ts";
import { oktaOieDirectAdapter } from "../../saml/adapters/okta_oie/direct_adapter.ts";
import type { OktaOieMfaType } from "../../saml/adapters/okta_oie/mfa_type.ts";
import { fromOktaOieM2m } from "../../saml/adapters/okta_oie/m2m.ts";
import { oktaOieWebAdapter } from "../../saml/adapters/okta_oie/web_adapter.ts";
import type { SamlAdapter } from "../../saml/adapter.ts";
import { resolveCliConnection } from "../_connection.ts";
import { CliUsageError } from "../errors.ts";
import type { CliIo, Spinner } from "../io.ts";
import type { CliPrompts } from "../_prompts.ts";
import type { ParsedArgs } from "../_parse_args.ts";
import { requiredValue, wholeNumber } from "./_flag_values.ts";

/** The flags of `login --idp okta-oie` besides those `login` already has. */
export const OKTA_OIE_FLAGS: readonly string[] = [
  "mode",
  "app-id",
  "authorization-server",
  "scope",
  "key-id",
  "private-key-file",
  "role-session-name",
];

/** Help text for {@linkcode OKTA_OIE_FLAGS}. */
export const OKTA_OIE_HELP =
  `Okta Identity Engine (--idp okta-oie), okta-aws-cli's modes; --idp-url is the org's URL:
  --mode web              (default) approve a device code in your browser, then SAML
  --mode direct           password and --mfa-type push|otp|sms|voice, then SAML
  --mode m2m              a service app's key, then AssumeRoleWithWebIdentity --role-arn
  --client-id ID          the OIDC app (web, direct) or API service app (m2m)
  --app-id ID             the AWS Account Federation app (else the user's are listed)
  --authorization-server ID  a custom authorization server (m2m default: default)
  --scope SCOPES          the scopes to ask for (m2m default: okta-m2m-access)
  --key-id KID, --private-key-file PATH  m2m: the key (PEM or JWK; else the
                          OKTA_AWSCLI_PRIVATE_KEY environment variable)
  --role-session-name N   m2m: the session name`;

const MODES = ["web", "direct", "m2m"];
const MFA_TYPES: readonly OktaOieMfaType[] = ["push", "otp", "sms", "voice"];

/** `login --idp okta-oie`: the credentials of the chosen mode. */
export async function oktaOieCredentials(
  args: ParsedArgs,
  io: CliIo,
  prompts: CliPrompts,
): Promise<Credentials> {
  const mode = args.values.get("mode") ?? "web";
  if (!MODES.includes(mode)) {
    throw new CliUsageError(`--mode must be one of ${MODES.join(", ")}.`, "login");
  }
  const orgUrl = requiredValue(args, "idp-url", "login");
  const clientId = requiredValue(args, "client-id", "login");
  const connection = await resolveCliConnection(args, io, prompts);
  const sts = { region: connection.region, endpoint: connection.endpoint, fetch: io.fetch };
  const durationSeconds = wholeNumber(args, "duration-seconds", "login");
  if (mode === "m2m") {
    return await fromOktaOieM2m({
      orgUrl,
      clientId,
      privateKey: await privateKey(args, io),
      keyId: args.values.get("key-id"),
      authorizationServerId: args.values.get("authorization-server"),
      scope: args.values.get("scope"),
      roleArn: requiredValue(args, "role-arn", "login"),
      roleSessionName: args.values.get("role-session-name"),
      durationSeconds,
      idpFetch: io.fetch,
      ...sts,
    })();
  }
  const spinner: Spinner[] = [];
  const stopSpinner = () => spinner.splice(0).forEach((s) => s.stop());
  const common = {
    orgUrl,
    clientId,
    appId: args.values.get("app-id"),
    scope: args.values.get("scope"),
    chooseApp: (apps: OktaAwsApp[]) => (stopSpinner(), chooseApp(io, apps)),
  };
  let adapter: SamlAdapter;
  let username: string | undefined;
  if (mode === "web") {
    adapter = oktaOieWebAdapter({
      ...common,
      onDeviceCode: (code) => {
        const url = code.verificationUriComplete ?? code.verificationUri;
        io.err(
          `Open ${url} and confirm the code ${code.userCode} ` +
            `(valid until ${code.expiresAt.toISOString()}).\n`,
        );
        io.platform.openUrl?.(url).catch(() => {});
        spinner.push(io.spinner("Waiting for the browser sign-in…"));
      },
    });
  } else {
    adapter = oktaOieDirectAdapter({
      ...common,
      authorizationServerId: args.values.get("authorization-server"),
      mfaType: mfaType(args),
    });
    username = args.values.get("username") ?? (await io.prompt("Username: ")).trim();
  }
  try {
    return await fromSaml({
      adapter,
      username,
      password: mode === "direct" ? prompts.loginPassword : undefined,
      mfa: prompts.mfa,
      idpFetch: io.fetch,
      roleArn: args.values.get("role-arn"),
      principalArn: args.values.get("principal-arn"),
      durationSeconds,
      ...sts,
    })();
  } finally {
    stopSpinner();
  }
}

function mfaType(args: ParsedArgs): OktaOieMfaType | undefined {
  const value = args.values.get("mfa-type");
  if (value !== undefined && !(MFA_TYPES as readonly string[]).includes(value)) {
    throw new CliUsageError(
      `--mfa-type must be one of ${MFA_TYPES.join(", ")} with --idp okta-oie.`,
      "login",
    );
  }
  return value as OktaOieMfaType | undefined;
}

/** The m2m key: `--private-key-file`, else okta-aws-cli's `OKTA_AWSCLI_PRIVATE_KEY`. */
async function privateKey(args: ParsedArgs, io: CliIo): Promise<string> {
  const file = args.values.get("private-key-file");
  const key = file === undefined
    ? io.platform.env("OKTA_AWSCLI_PRIVATE_KEY")
    : await io.platform.readTextFile(file);
  if (key === undefined || key.trim() === "") {
    throw new CliUsageError(
      file === undefined
        ? "--mode m2m needs --private-key-file or OKTA_AWSCLI_PRIVATE_KEY."
        : `--private-key-file ${file} cannot be read or is empty.`,
      "login",
    );
  }
  return key;
}

/** Lists the AWS apps and asks for one by number, as okta-aws-cli's picker. */
async function chooseApp(io: CliIo, apps: OktaAwsApp[]): Promise<OktaAwsApp> {
  io.err(apps.map((app, i) => `  ${i + 1}) ${app.label} (${app.id})\n`).join(""));
  const answer = (await io.prompt(`Choose an AWS app [1-${apps.length}]: `)).trim();
  const chosen = /^\d+$/.test(answer) ? apps[Number(answer) - 1] : undefined;
  if (chosen === undefined) {
    throw new CliUsageError(`Answer a number from 1 to ${apps.length}.`, "login");
  }
  return chosen;
}

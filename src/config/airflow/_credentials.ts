/**
 * An Airflow AWS connection's fields and extras (seed 002, and the newer extras of the
 * Amazon provider's `AwsConnectionWrapper`) turned into a credential provider: base
 * credentials, then the role of `role_arn` by `assume_role_method`.
 *
 * @module
 */
import type { CredentialProvider } from "../../sigv4/credentials.ts";
import { fromStatic } from "../../credentials/from_static.ts";
import type { Platform } from "../../credentials/platform/types.ts";
import { defaultProvider } from "../../sts/default_provider.ts";
import { fromAssumeRole } from "../../sts/from_assume_role.ts";
import { fromIni } from "../../sts/from_ini.ts";
import type { StsConnection } from "../../sts/connection.ts";
import { assumeRoleKwargs, type AssumeRoleMethod } from "./_assume_role_kwargs.ts";
import type { AirflowConnection } from "./parse_connection.ts";
import { ExtrasReader } from "./_extras.ts";
import { airflowSamlCredentials } from "./_saml.ts";
import { airflowWebIdentityCredentials } from "./_web_identity.ts";
import { AirflowConnectionError } from "../errors.ts";
import type { ConfigOptions } from "../options.ts";
import { mfaCodeSource } from "../_sts_settings.ts";
import { checkRegionSetting } from "../_region_setting.ts";

/** Every extra read here; others are ignored (as Airflow does) unless they look like a typo. */
export const AIRFLOW_EXTRAS: readonly string[] = [
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "session_kwargs",
  "region_name",
  "endpoint_url",
  "host",
  "profile_name",
  "role_arn",
  "aws_account_id",
  "aws_iam_role",
  "assume_role_method",
  "assume_role_kwargs",
  "external_id",
  "assume_role_with_saml",
  "assume_role_with_web_identity_federation",
  "assume_role_with_web_identity_federation_audience",
  "assume_role_with_web_identity_token_file",
  "service_config",
  "config_kwargs",
  "botocore_config",
  "verify",
];

const SESSION_KWARGS = [
  "aws_access_key_id",
  "aws_secret_access_key",
  "aws_session_token",
  "region_name",
  "profile_name",
];

const METHODS: readonly AssumeRoleMethod[] = [
  "assume_role",
  "assume_role_with_saml",
  "assume_role_with_web_identity",
];

// Settings of boto3/botocore clients with no meaning for a credential provider.
const CLIENT_SETTINGS: Readonly<Record<string, string>> = {
  config_kwargs: "config_kwargs (botocore client settings: proxies, retries, signature " +
    "version) is not used: pass a fetch configured as needed.",
  botocore_config: "botocore_config is not used: botocore client settings have no equivalent.",
  verify: "verify is not used: TLS verification is the fetch's.",
};

interface Context {
  readonly options: ConfigOptions;
  readonly platform: Platform;
  readonly sts: StsConnection;
}

function baseCredentials(
  connection: AirflowConnection,
  extra: ExtrasReader,
  session: ExtrasReader,
  context: Context,
): CredentialProvider {
  const { options, platform, sts } = context;
  // AwsConnectionWrapper._get_credentials: login/password, else the extras, else session_kwargs.
  const keyPairs: [string | undefined, string | undefined][] = [
    [connection.login, connection.password],
    [extra.string("aws_access_key_id"), extra.string("aws_secret_access_key")],
    [session.string("aws_access_key_id"), session.string("aws_secret_access_key")],
  ];
  const sessionToken = extra.string("aws_session_token") ?? session.string("aws_session_token");
  const keys = keyPairs.find(([id, secret]) => id && secret);
  if (keys) {
    return fromStatic({
      accessKeyId: keys[0]!,
      secretAccessKey: keys[1]!,
      ...(sessionToken ? { sessionToken } : {}),
    });
  }
  const profile = extra.string("profile_name") ?? session.string("profile_name");
  const fileOptions = {
    ...sts,
    platform,
    mfaCodeProvider: mfaCodeSource(undefined, options.mfa),
  };
  if (profile !== undefined) return fromIni({ ...fileOptions, profile });
  // An "empty" connection (`aws://`): boto3's default chain.
  return defaultProvider(fileOptions);
}

function roleArnOf(extra: ExtrasReader): string | undefined {
  const roleArn = extra.string("role_arn");
  const account = extra.string("aws_account_id");
  const role = extra.string("aws_iam_role");
  if (roleArn !== undefined || (account === undefined && role === undefined)) return roleArn;
  if (account === undefined || role === undefined) {
    const missing = account === undefined ? "aws_account_id" : "aws_iam_role";
    throw new AirflowConnectionError(
      `aws_account_id and aws_iam_role go together (they form role_arn); ${missing} is missing.`,
      { extra: missing },
    );
  }
  return `arn:aws:iam::${account}:role/${role}`;
}

/** The credentials, region, endpoint and notes of an Airflow AWS connection. */
export function airflowCredentials(
  connection: AirflowConnection,
  connId: string | undefined,
  options: ConfigOptions,
  platform: Platform,
): { credentials: CredentialProvider; region?: string; endpoint?: string; notes: string[] } {
  const notes: string[] = [];
  const extra = new ExtrasReader({ ...connection.extra });
  const session = new ExtrasReader(extra.object("session_kwargs") ?? {}, "session_kwargs.");
  const serviceConfig = extra.object("service_config") ?? {};
  const stsConfig = serviceConfig.sts as { endpoint_url?: unknown } | undefined;
  const region = checkRegionSetting(
    extra.string("region_name") ?? session.string("region_name"),
    "region_name",
    (message) => new AirflowConnectionError(message, { extra: "region_name" }),
  );
  // Airflow never sends AssumeRole to endpoint_url, only to service_config.sts.endpoint_url.
  const stsEndpoint = options.stsEndpoint ??
    (typeof stsConfig?.endpoint_url === "string" ? stsConfig.endpoint_url : undefined);
  const sts: StsConnection = {
    region: region ?? platform.env("AWS_REGION") ?? platform.env("AWS_DEFAULT_REGION"),
    endpoint: stsEndpoint,
    fetch: options.fetch,
    platform,
  };
  const context = { options, platform, sts };
  const host = extra.string("host");
  if (host !== undefined) notes.push("The host extra is deprecated in Airflow; use endpoint_url.");
  const endpoint = extra.string("endpoint_url") ?? host;
  if (connection.host) notes.push("The connection's host is not used; set the endpoint_url extra.");
  if (!connection.login !== !connection.password) {
    notes.push("The connection's login and password are used only together; one alone is ignored.");
  }
  if (connection.connType !== "aws") {
    notes.push(
      `The connection type is ${connection.connType}, not aws; read as an AWS connection.`,
    );
  }
  const roleArn = roleArnOf(extra);
  let credentials: CredentialProvider;
  if (roleArn === undefined) {
    for (const name of ["assume_role_method", "assume_role_kwargs", "external_id"]) {
      if (extra.skip(name)) notes.push(`${name} is not used without role_arn (as in Airflow).`);
    }
    credentials = baseCredentials(connection, extra, session, context);
  } else {
    const method = (extra.string("assume_role_method") ?? "assume_role") as AssumeRoleMethod;
    if (!METHODS.includes(method)) {
      throw new AirflowConnectionError(
        `assume_role_method "${method}" is not supported. Supported: ${METHODS.join(", ")}.`,
        { extra: "assume_role_method" },
      );
    }
    const kwargs = assumeRoleKwargs(extra.object("assume_role_kwargs") ?? {}, method);
    // Airflow's default session name: Airflow_<conn_id>, invalid characters removed.
    const sessionName = connId ? `Airflow_${connId}`.replace(/[^\w+=,.@-]/g, "") : undefined;
    if (method === "assume_role_with_saml") {
      const saml = airflowSamlCredentials(extra, roleArn, kwargs.DurationSeconds, options, sts);
      notes.push(...saml.notes);
      credentials = saml.credentials;
    } else if (method === "assume_role_with_web_identity") {
      credentials = airflowWebIdentityCredentials(extra, roleArn, kwargs, sessionName, context);
    } else {
      credentials = assumeRole(connection, extra, session, roleArn, kwargs, sessionName, context);
    }
  }
  for (const [name, note] of Object.entries(CLIENT_SETTINGS)) {
    if (extra.skip(name)) notes.push(note);
  }
  if (Object.keys(serviceConfig).some((service) => service !== "sts")) {
    notes.push("service_config entries other than sts are for the data services' clients.");
  }
  for (const name of [...extra.unread(AIRFLOW_EXTRAS), ...session.unread(SESSION_KWARGS)]) {
    notes.push(
      AIRFLOW_EXTRAS.includes(name) || name.startsWith("session_kwargs.")
        ? `${name} is not used by this connection (its assume_role_method needs no keys).`
        : `${name} is not an AWS connection setting; ignored (as in Airflow).`,
    );
  }
  return { credentials, ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), notes };
}

function assumeRole(
  connection: AirflowConnection,
  extra: ExtrasReader,
  session: ExtrasReader,
  roleArn: string,
  kwargs: ReturnType<typeof assumeRoleKwargs>,
  sessionName: string | undefined,
  context: Context,
): CredentialProvider {
  // `external_id` (deprecated in Airflow) and assume_role_kwargs.ExternalId must agree.
  const externalId = extra.string("external_id");
  if (
    externalId !== undefined && kwargs.ExternalId !== undefined && externalId !== kwargs.ExternalId
  ) {
    throw new AirflowConnectionError(
      "external_id and assume_role_kwargs.ExternalId differ; keep only assume_role_kwargs.ExternalId.",
      { extra: "external_id" },
    );
  }
  const mfaCodeProvider = mfaCodeSource(kwargs.TokenCode, context.options.mfa);
  if (kwargs.SerialNumber !== undefined && mfaCodeProvider === undefined) {
    throw new AirflowConnectionError(
      "assume_role_kwargs.SerialNumber needs TokenCode (or pass options.mfa to be asked for codes).",
      { extra: "assume_role_kwargs.TokenCode" },
    );
  }
  return fromAssumeRole({
    ...context.sts,
    source: baseCredentials(connection, extra, session, context),
    roleArn,
    roleSessionName: kwargs.RoleSessionName ?? sessionName,
    externalId: kwargs.ExternalId ?? externalId,
    durationSeconds: kwargs.DurationSeconds,
    policy: kwargs.Policy,
    policyArns: kwargs.PolicyArns,
    tags: kwargs.Tags,
    transitiveTagKeys: kwargs.TransitiveTagKeys,
    sourceIdentity: kwargs.SourceIdentity,
    mfaSerial: kwargs.SerialNumber,
    mfaCodeProvider: kwargs.SerialNumber === undefined ? undefined : mfaCodeProvider,
  });
}

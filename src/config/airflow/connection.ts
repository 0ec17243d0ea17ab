import { defaultPlatform } from "../../credentials/platform/default.ts";
import { airflowCredentials } from "./_credentials.ts";
import { type AirflowConnection, parseAirflowConnection } from "./parse_connection.ts";
import { AirflowConnectionError } from "../errors.ts";
import type { ConfigOptions, ConfiguredCredentials } from "../options.ts";

/**
 * Options of {@linkcode fromAirflowConnection}.
 */
export interface AirflowConnectionOptions extends ConfigOptions {
  /** The connection id; AssumeRole's default session name is `Airflow_<connId>`, as in Airflow. */
  connId?: string;
}

/**
 * Credentials, region and endpoint from an Airflow AWS connection (seed 002): an `aws://`
 * URI, connection JSON, or an already parsed {@linkcode AirflowConnection}.
 *
 * - Keys: `login`/`password` (URL-decoded in URIs), else the `aws_access_key_id` /
 *   `aws_secret_access_key` extras, else `session_kwargs`'s; `aws_session_token` with them.
 *   Without keys: `profile_name` (`~/.aws/config` and `credentials`, or the files
 *   `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` name), else the default chain.
 * - `role_arn` (or `aws_account_id` + `aws_iam_role`) with `assume_role_method`:
 *   `assume_role` (default; `assume_role_kwargs` ExternalId, RoleSessionName,
 *   DurationSeconds, Policy, PolicyArns, Tags, TransitiveTagKeys, SourceIdentity,
 *   SerialNumber + TokenCode; `external_id`), `assume_role_with_saml` (the
 *   `assume_role_with_saml` extra; Kerberos through `options.idpFetch`) or
 *   `assume_role_with_web_identity` (federation `google` or `file`).
 * - `region_name` → `region`; `endpoint_url` (or the deprecated `host` extra) → `endpoint`;
 *   STS calls go to `options.stsEndpoint`, else `service_config.sts.endpoint_url`, else the
 *   regional endpoint (Airflow never sends AssumeRole to `endpoint_url`).
 * - botocore client settings (`config_kwargs`, `verify`, …) and extras Airflow's AWS hook
 *   does not read are ignored and listed in `notes`; an unknown extra that looks like a typo
 *   of a known one (`role_ar`) is an {@linkcode AirflowConnectionError}, as is an
 *   unsupported `assume_role_kwargs` key.
 *
 * @param connection The URI or JSON (the value of `AIRFLOW_CONN_<ID>`), or its fields.
 * @param options Platform, fetches, STS endpoint, MFA prompt, IdP fetch, connection id.
 *
 * @example
 * ```ts
 * import { fromAirflowConnection } from "@iamfetch/iamfetch/config";
 * import { assertEquals } from "@std/assert";
 *
 * const { credentials, region } = fromAirflowConnection(
 *   "aws://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY@/?region_name=ap-southeast-2",
 * );
 * assertEquals((await credentials()).secretAccessKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
 * assertEquals(region, "ap-southeast-2");
 * ```
 */
export function fromAirflowConnection(
  connection: string | AirflowConnection,
  options: AirflowConnectionOptions = {},
): ConfiguredCredentials {
  const parsed = typeof connection === "string" ? parseAirflowConnection(connection) : connection;
  const platform = options.platform ?? defaultPlatform();
  return airflowCredentials(parsed, options.connId, options, platform);
}

/**
 * {@linkcode fromAirflowConnection} of the environment variable `AIRFLOW_CONN_<CONNID>`
 * (the id upper-cased, as Airflow looks it up), in URI or JSON form. A missing variable is
 * an {@linkcode AirflowConnectionError} naming it.
 *
 * @param connId The connection id, e.g. `aws_default`.
 * @param options As for {@linkcode fromAirflowConnection}; `platform` supplies the variable.
 *
 * @example
 * ```ts
 * import { fromAirflowEnv } from "@iamfetch/iamfetch/config";
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   env: { AIRFLOW_CONN_AWS_DEFAULT: '{"conn_type":"aws","login":"AKIDEXAMPLE","password":"secret","extra":"{\\"region_name\\":\\"eu-west-1\\"}"}' },
 * });
 * const { credentials, region } = fromAirflowEnv("aws_default", { platform });
 * assert((await credentials()).accessKeyId === "AKIDEXAMPLE" && region === "eu-west-1");
 * ```
 */
export function fromAirflowEnv(
  connId: string,
  options: AirflowConnectionOptions = {},
): ConfiguredCredentials {
  const platform = options.platform ?? defaultPlatform();
  const name = `AIRFLOW_CONN_${connId.toUpperCase()}`;
  const value = platform.env(name);
  if (!value) {
    throw new AirflowConnectionError(`${name} is not set: Airflow connection ${connId} not found.`);
  }
  return fromAirflowConnection(value, { connId, ...options, platform });
}

/**
 * Airflow's `assume_role_method: assume_role_with_saml` (seed 002): the
 * `assume_role_with_saml` extra as a `fromSaml` provider over the generic form adapter.
 *
 * @module
 */
import type { CredentialProvider } from "../../sigv4/credentials.ts";
import { formAdapter } from "../../saml/adapters/form/adapter.ts";
import { fromSaml } from "../../saml/from_saml.ts";
import type { StsConnection } from "../../sts/connection.ts";
import { ExtrasReader } from "./_extras.ts";
import { AirflowConnectionError } from "../errors.ts";
import type { ConfigOptions } from "../options.ts";

/** The settings of the `assume_role_with_saml` extra. */
export const SAML_EXTRAS: readonly string[] = [
  "principal_arn",
  "idp_url",
  "idp_auth_method",
  "mutual_authentication",
  "idp_request_kwargs",
  "idp_request_retry_kwargs",
  "log_idp_response",
  "saml_response_xpath",
];

const MUTUAL_AUTHENTICATION = ["REQUIRED", "OPTIONAL", "DISABLED"];

function required(saml: ExtrasReader, name: string): string {
  const value = saml.string(name);
  if (value === undefined) {
    throw new AirflowConnectionError(
      `assume_role_method=assume_role_with_saml needs assume_role_with_saml.${name}.`,
      { extra: `assume_role_with_saml.${name}` },
    );
  }
  return value;
}

function headersOf(kwargs: Record<string, unknown> | undefined): Record<string, string> {
  const headers = kwargs?.headers;
  if (headers === undefined) return {};
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new AirflowConnectionError("idp_request_kwargs.headers must be an object.", {
      extra: "assume_role_with_saml.idp_request_kwargs.headers",
    });
  }
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
}

/**
 * The provider of an `assume_role_with_saml` connection, and notes on the settings that have
 * no equivalent here. Airflow supports one `idp_auth_method`, `http_spegno_auth` (Kerberos
 * through `requests_gssapi`); web-standard `fetch` cannot do Kerberos, so the caller must
 * pass `options.idpFetch`, a fetch that answers the IdP's `Negotiate` challenge.
 */
export function airflowSamlCredentials(
  extra: ExtrasReader,
  roleArn: string,
  durationSeconds: number | undefined,
  options: ConfigOptions,
  sts: StsConnection,
): { credentials: CredentialProvider; notes: string[] } {
  const container = extra.object("assume_role_with_saml");
  if (container === undefined) {
    throw new AirflowConnectionError(
      "assume_role_method=assume_role_with_saml needs the assume_role_with_saml extra " +
        "(principal_arn, idp_url, idp_auth_method, saml_response_xpath).",
      { extra: "assume_role_with_saml" },
    );
  }
  const saml = new ExtrasReader(container, "assume_role_with_saml.");
  const principalArn = required(saml, "principal_arn");
  const idpUrl = required(saml, "idp_url");
  const method = required(saml, "idp_auth_method");
  if (method !== "http_spegno_auth") {
    throw new AirflowConnectionError(
      `idp_auth_method "${method}" is not supported; as in Airflow, the only one is http_spegno_auth.`,
      { extra: "assume_role_with_saml.idp_auth_method" },
    );
  }
  if (options.idpFetch === undefined) {
    throw new AirflowConnectionError(
      "idp_auth_method=http_spegno_auth needs a Kerberos-capable fetch: pass options.idpFetch, " +
        "a fetch that answers the IdP's WWW-Authenticate: Negotiate challenge (SPNEGO). " +
        "Web-standard fetch cannot do Kerberos by itself.",
      { extra: "assume_role_with_saml.idp_auth_method" },
    );
  }
  const notes: string[] = [];
  const mutual = saml.string("mutual_authentication");
  if (mutual !== undefined) {
    if (!MUTUAL_AUTHENTICATION.includes(mutual)) {
      throw new AirflowConnectionError(
        `mutual_authentication must be one of ${MUTUAL_AUTHENTICATION.join(", ")}.`,
        { extra: "assume_role_with_saml.mutual_authentication" },
      );
    }
    notes.push("assume_role_with_saml.mutual_authentication is up to options.idpFetch (Kerberos).");
  }
  const requestKwargs = saml.object("idp_request_kwargs");
  for (const name of Object.keys(requestKwargs ?? {}).filter((k) => k !== "headers")) {
    notes.push(
      `assume_role_with_saml.idp_request_kwargs.${name} is not used: only headers are sent; ` +
        "TLS, proxies and timeouts are options.idpFetch's.",
    );
  }
  if (saml.skip("idp_request_retry_kwargs")) {
    notes.push(
      "assume_role_with_saml.idp_request_retry_kwargs is not used: the IdP is asked once.",
    );
  }
  const log = saml.boolean("log_idp_response") ?? false;
  if (log && options.debugLog === undefined) {
    notes.push("assume_role_with_saml.log_idp_response needs options.debugLog to log anything.");
  }
  const adapter = formAdapter({
    idpUrl,
    samlResponseXPath: saml.string("saml_response_xpath"),
    requestInit: { headers: headersOf(requestKwargs) },
  });
  for (const name of saml.unread(SAML_EXTRAS)) {
    notes.push(`${name} is not a SAML setting; ignored.`);
  }
  const credentials = fromSaml({
    ...sts,
    adapter,
    idpFetch: options.idpFetch,
    mfa: options.mfa,
    roleArn,
    principalArn,
    durationSeconds,
    ...(log && options.debugLog ? { debugLog: options.debugLog } : {}),
  });
  return { credentials, notes };
}

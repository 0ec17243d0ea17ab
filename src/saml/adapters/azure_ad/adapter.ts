import { SamlLoginError } from "../../errors.ts";
import { requestIdp } from "../../_idp_response.ts";
import type { SamlAdapter, SamlLoginContext } from "../../adapter.ts";
import { samlResponseFromAssertion } from "../../_response_from_assertion.ts";
import { parseJsonObject } from "../../../_shared/json_object.ts";
import { base64Decode } from "../../../_shared/bytes/base64.ts";

const SAML2_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:saml2";

/**
 * Options of {@linkcode azureAdAdapter}, named after CData's AzureAD scheme and Redshift's
 * `AzureCredentialsProvider`.
 */
export interface AzureAdAdapterOptions {
  /** The directory (tenant) id or domain (CData's `AzureTenant`). */
  readonly tenant: string;
  /** The connector application's id (CData's `OAuthClientId`). */
  readonly clientId: string;
  /** The connector application's secret (CData's `OAuthClientSecret`), for confidential clients. */
  readonly clientSecret?: string;
  /** The AWS SAML application's id URI (CData's `Resource`). */
  readonly resource: string;
  /** The login host; default `https://login.microsoftonline.com` (sovereign clouds differ). */
  readonly authority?: string;
}

/**
 * An adapter for Azure AD / Entra ID, as Redshift's `AzureCredentialsProvider` does it: the
 * OAuth 2.0 password grant at `{authority}/{tenant}/oauth2/token` with `requested_token_type
 * = urn:ietf:params:oauth:token-type:saml2`, which answers a SAML 2.0 assertion (base64url)
 * as `access_token`; the assertion is wrapped in a SAML `Response`.
 *
 * The password grant cannot do MFA or federated (ADFS) users: Azure AD answers those with an
 * `AADSTS` error, which becomes a {@linkcode SamlLoginError} naming the code (the
 * `browserAdapter` handles them).
 *
 * @example
 * ```ts
 * import { azureAdAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const adapter = azureAdAdapter({ tenant: "contoso.onmicrosoft.com", clientId: "3ea1c786", resource: "https://signin.aws.amazon.com/saml" });
 * assertEquals(adapter.name, "azuread");
 * ```
 */
export function azureAdAdapter(options: AzureAdAdapterOptions): SamlAdapter {
  let tokenUrl: URL;
  try {
    const authority = new URL(options.authority ?? "https://login.microsoftonline.com");
    tokenUrl = new URL(
      `${authority.pathname.replace(/\/$/, "")}/${encodeURIComponent(options.tenant)}/oauth2/token`,
      authority,
    );
  } catch {
    throw new SamlLoginError("azuread", "The Azure AD authority is not an absolute URL.");
  }
  return {
    name: "azuread",
    getSamlResponse: (context) => samlTokenLogin(context, options, tokenUrl),
  };
}

async function samlTokenLogin(
  context: SamlLoginContext,
  options: AzureAdAdapterOptions,
  tokenUrl: URL,
): Promise<string> {
  const { username, password } = context;
  if (!username || password === undefined) {
    throw new SamlLoginError(
      "azuread",
      "Azure AD login needs a user name and a password; pass username and password.",
    );
  }
  const form = new URLSearchParams({
    grant_type: "password",
    requested_token_type: SAML2_TOKEN_TYPE,
    username,
    password,
    client_id: options.clientId,
    resource: options.resource,
  });
  if (options.clientSecret !== undefined) form.set("client_secret", options.clientSecret);
  const answer = await requestIdp(context, "azuread", tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form,
  });
  const json = parseJsonObject(answer.text);
  if (answer.status !== 200 || typeof json?.error === "string") {
    throw azureError(tokenUrl, answer.status, json);
  }
  const issued = json?.issued_token_type;
  if (
    typeof json?.access_token !== "string" || (issued !== undefined && issued !== SAML2_TOKEN_TYPE)
  ) {
    throw new SamlLoginError(
      "azuread",
      `Azure AD at ${tokenUrl.origin} answered without a SAML 2.0 token; check that resource ` +
        "is the AWS SAML application's id URI.",
      { status: answer.status },
    );
  }
  const assertion = base64UrlText(json.access_token);
  if (
    assertion === undefined || !/^\s*(<\?xml[^>]*\?>\s*)?<([\w.-]+:)?Assertion\b/.test(assertion)
  ) {
    throw new SamlLoginError(
      "azuread",
      `Azure AD at ${tokenUrl.origin} answered an access_token that is not a SAML assertion.`,
      { status: answer.status },
    );
  }
  return samlResponseFromAssertion(assertion.replace(/^\s*<\?xml[^>]*\?>\s*/, ""));
}

function azureError(
  tokenUrl: URL,
  status: number,
  json: Record<string, unknown> | undefined,
): SamlLoginError {
  const error = typeof json?.error === "string"
    ? json.error.replace(/[^\w.-]/g, "").slice(0, 64)
    : "";
  // Only the AADSTS codes of the description: its free text may echo what was sent.
  const description = typeof json?.error_description === "string" ? json.error_description : "";
  const codes = [...new Set(description.match(/AADSTS\d{4,8}/g) ?? [])].slice(0, 3);
  const hint = codes.some((code) => /^AADSTS500(76|79)$/.test(code))
    ? "the user needs MFA, which the password grant cannot do; use the browser adapter"
    : codes.includes("AADSTS50126") || error === "invalid_grant"
    ? "check the user name and password"
    : error === "invalid_client" || codes.includes("AADSTS7000215")
    ? "check clientId and clientSecret"
    : "check tenant, clientId and resource";
  return new SamlLoginError(
    "azuread",
    `Azure AD at ${tokenUrl.origin} refused the token request with HTTP ${status}` +
      `${error ? `: ${error}` : ""}${codes.length ? ` (${codes.join(", ")})` : ""}; ${hint}.`,
    { status },
  );
}

function base64UrlText(value: string): string | undefined {
  const bytes = base64Decode(value);
  if (bytes === undefined) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

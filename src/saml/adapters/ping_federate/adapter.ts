import { SamlLoginError } from "../../errors.ts";
import { loginWithPasswordForm } from "../../_idp_form_login.ts";
import { pingWsTrustLogin } from "./_ws_trust_login.ts";
import type { SamlAdapter, SamlLoginContext } from "../../adapter.ts";

/**
 * Options of {@linkcode pingFederateAdapter}, named after CData's PingFederate scheme.
 */
export interface PingFederateAdapterOptions {
  /**
   * CData's `SSOLoginURL`. With `exchangeUrl`: the WS-Trust STS endpoint (`…/idp/sts.wst`).
   * Without: the server (`https://pf.example.com:9031`, then the adapter starts at
   * `/idp/startSSO.ping?PartnerSpId=<partnerSpId>`) or a full IdP-initiated SSO URL.
   */
  readonly loginUrl: string;
  /** CData's `SSOExchangeUrl`: the SP connection's WS-Trust partner id; selects WS-Trust. */
  readonly exchangeUrl?: string;
  /** The SP connection for the form login; default `urn:amazon:webservices`. */
  readonly partnerSpId?: string;
  /** With WS-Trust, also send `Authorization: Basic` (CData's `SSOProperties=Authscheme=Basic`). */
  readonly basicAuth?: boolean;
}

/**
 * An adapter for PingFederate, in either of its two ways:
 *
 * - **WS-Trust** (with `exchangeUrl`): a SOAP 1.2 `RequestSecurityToken` with the user name
 *   and password in a WS-Security `UsernameToken`, `AppliesTo` = `exchangeUrl`; the SAML 2.0
 *   assertion of the answer is wrapped in a SAML `Response`. SOAP faults are
 *   {@linkcode SamlLoginError}s with the fault code.
 * - **Form login** (without): IdP-initiated SSO, the HTML adapter's `pf.username` / `pf.pass`
 *   form posted back with `pf.ok=clicked`, then the `SAMLResponse` form.
 *
 * Mutual TLS to the STS (CData's `SSLClientCert…` properties) comes from the fetch given to
 * `fromSaml` as `idpFetch`, e.g. in Deno:
 *
 * ```ts ignore
 * import { fromSaml, pingFederateAdapter } from "@iamfetch/iamfetch/saml";
 *
 * const client = Deno.createHttpClient({ cert: Deno.readTextFileSync("client.pem"), key: Deno.readTextFileSync("client.key") });
 * const credentials = fromSaml({
 *   adapter: pingFederateAdapter({ loginUrl: "https://pf.example.com:9033/idp/sts.wst", exchangeUrl: "urn:amazon:webservices" }),
 *   idpFetch: (input, init) => fetch(input, { ...init, client }),
 *   username: "alice",
 *   password: "secret",
 * });
 * ```
 *
 * @example
 * ```ts
 * import { pingFederateAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const adapter = pingFederateAdapter({ loginUrl: "https://pf.example.com:9031" });
 * assertEquals(adapter.name, "pingfederate");
 * ```
 */
export function pingFederateAdapter(options: PingFederateAdapterOptions): SamlAdapter {
  const loginUrl = absoluteUrl(options.loginUrl);
  const { exchangeUrl } = options;
  if (exchangeUrl !== undefined) {
    return {
      name: "pingfederate",
      getSamlResponse: (context: SamlLoginContext): Promise<string> =>
        pingWsTrustLogin(context, {
          stsUrl: loginUrl,
          appliesTo: exchangeUrl,
          basicAuth: options.basicAuth,
        }),
    };
  }
  const startUrl = loginUrl.pathname === "/" && loginUrl.search === ""
    ? new URL("/idp/startSSO.ping", loginUrl)
    : loginUrl;
  if (startUrl !== loginUrl) {
    startUrl.searchParams.set("PartnerSpId", options.partnerSpId ?? "urn:amazon:webservices");
  }
  return {
    name: "pingfederate",
    getSamlResponse: (context: SamlLoginContext): Promise<string> =>
      loginWithPasswordForm(context, {
        adapter: "pingfederate",
        idpName: "PingFederate",
        startUrl,
        isUsernameField: (name) => name === "pf.username" || /^(user|email|login)/i.test(name),
        isPasswordField: (name) => name === "pf.pass" || /pass/i.test(name),
        overrides: { "pf.ok": "clicked" },
      }),
  };
}

function absoluteUrl(loginUrl: string): URL {
  try {
    return new URL(loginUrl);
  } catch {
    throw new SamlLoginError("pingfederate", "The PingFederate loginUrl is not an absolute URL.");
  }
}

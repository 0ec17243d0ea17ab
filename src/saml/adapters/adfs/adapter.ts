import { SamlLoginError } from "../../errors.ts";
import { findSamlResponse } from "../../html_form.ts";
import { loginWithPasswordForm } from "../../_idp_form_login.ts";
import { requestIdp } from "../../_idp_response.ts";
import type { SamlAdapter, SamlLoginContext } from "../../adapter.ts";

/**
 * Options of {@linkcode adfsAdapter}, named after CData's ADFS scheme.
 */
export interface AdfsAdapterOptions {
  /**
   * The ADFS server (CData's `SSOLoginURL`), e.g. `https://sts.example.com`: with no path,
   * the adapter signs on at `/adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=<relyingParty>`;
   * a URL with a path is used as it is.
   */
  readonly loginUrl: string;
  /** The relying party identifier (CData's `RelyingParty`); default `urn:amazon:webservices`. */
  readonly relyingParty?: string;
  /**
   * Windows integrated authentication (CData's "ADFS Integrated"): no user name or password;
   * the `fetch` given to `fromSaml` (`idpFetch`) must answer ADFS's `Negotiate` challenge
   * with Kerberos or NTLM — e.g. through an authenticating proxy, or a fetch that adds the
   * `Authorization: Negotiate …` header. Web-standard `fetch` cannot do that by itself.
   */
  readonly integrated?: boolean;
}

/**
 * An adapter for Active Directory Federation Services (ADFS 2.0 to 2019): IdP-initiated
 * sign-on to the AWS relying party with forms authentication — the login page's `UserName`
 * and `Password` are posted back with `AuthMethod=FormsAuthentication` and the page's hidden
 * fields, ADFS sets its `MSISAuth` cookies and redirects to the sign-on URL, which then holds
 * the `SAMLResponse` form. With `integrated`, the sign-on URL is fetched with the caller's
 * Windows-authenticating fetch and must answer with the `SAMLResponse` directly.
 *
 * A login form coming back after the POST means a wrong user name or password; any other page
 * without a `SAMLResponse` (an MFA step, an error page) is a {@linkcode SamlLoginError}.
 *
 * @example
 * ```ts
 * import { adfsAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const adapter = adfsAdapter({ loginUrl: "https://sts.example.com" });
 * assertEquals(adapter.name, "adfs");
 * ```
 *
 * @example Windows integrated authentication through a fetch that does Kerberos
 * ```ts ignore
 * import { adfsAdapter, fromSaml } from "@iamfetch/iamfetch/saml";
 *
 * const credentials = fromSaml({
 *   adapter: adfsAdapter({ loginUrl: "https://sts.example.com", integrated: true }),
 *   idpFetch: kerberosFetch, // your fetch that answers `WWW-Authenticate: Negotiate`
 *   roleArn: "arn:aws:iam::123456789012:role/Admin",
 * });
 * ```
 */
export function adfsAdapter(options: AdfsAdapterOptions): SamlAdapter {
  const startUrl = adfsSignOnUrl(options.loginUrl, options.relyingParty);
  return {
    name: "adfs",
    getSamlResponse(context: SamlLoginContext): Promise<string> {
      if (options.integrated) return integratedLogin(context, startUrl);
      return loginWithPasswordForm(context, {
        adapter: "adfs",
        idpName: "ADFS",
        startUrl,
        isUsernameField: (name) => /username/i.test(name),
        isPasswordField: (name) => /password/i.test(name),
        defaults: { AuthMethod: "FormsAuthentication" },
      });
    },
  };
}

function adfsSignOnUrl(loginUrl: string, relyingParty = "urn:amazon:webservices"): URL {
  let url: URL;
  try {
    url = new URL(loginUrl);
  } catch {
    throw new SamlLoginError("adfs", "The ADFS loginUrl is not an absolute URL.");
  }
  if (url.pathname !== "/" || url.search !== "") return url;
  const signOn = new URL("/adfs/ls/IdpInitiatedSignOn.aspx", url);
  signOn.searchParams.set("loginToRp", relyingParty);
  return signOn;
}

async function integratedLogin(context: SamlLoginContext, startUrl: URL): Promise<string> {
  const page = await requestIdp(context, "adfs", startUrl);
  const samlResponse = findSamlResponse(page.text);
  if (samlResponse !== undefined) return samlResponse;
  throw new SamlLoginError(
    "adfs",
    `ADFS at ${startUrl.origin} did not sign in with Windows integrated authentication ` +
      `(HTTP ${page.status}, no SAMLResponse): pass an idpFetch that answers the Negotiate ` +
      "challenge (Kerberos/NTLM), or a username and password without integrated.",
    { status: page.status },
  );
}

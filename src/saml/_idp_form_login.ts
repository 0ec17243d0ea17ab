import { SamlLoginError } from "./errors.ts";
import { findSamlResponse, type HtmlForm, parseHtmlForms } from "./html_form.ts";
import { type IdpResponse, requestIdp } from "./_idp_response.ts";
import type { SamlLoginContext } from "./adapter.ts";

/** How one IdP's HTML login form is recognised and filled (ADFS, PingFederate). */
export interface PasswordFormLogin {
  /** The adapter's name, for errors (`adfs`). */
  readonly adapter: string;
  /** The IdP's name in messages (`ADFS`). */
  readonly idpName: string;
  /** The IdP-initiated sign-on URL; its origin is the only one that gets the password. */
  readonly startUrl: URL;
  /** Whether a field name is the user name field. */
  readonly isUsernameField: (name: string) => boolean;
  /** Whether a field name is the password field (the form that has one is the login form). */
  readonly isPasswordField: (name: string) => boolean;
  /** Values set when the field is absent or empty (ADFS's `AuthMethod`). */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Values always set (PingFederate's `pf.ok=clicked`, which its page's script sets). */
  readonly overrides?: Readonly<Record<string, string>>;
}

/**
 * Logs in through an IdP's HTML login form and returns the base64 `SAMLResponse` of the page
 * that follows: GET the sign-on URL (already signed in when it holds a `SAMLResponse`), fill
 * the form that has a password field, POST it to the IdP's own origin only, and read the
 * `SAMLResponse`. The login form coming back means the IdP refused the user name or password.
 * Cookies and redirects are the job of `context.fetch` (a `sessionFetch` in `fromSaml`).
 *
 * @example
 * ```ts
 * import { loginWithPasswordForm } from "./_idp_form_login.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const saml = '<form method="post" action="https://signin.aws.amazon.com/saml"><input name="SAMLResponse" value="PHg+"></form>';
 * const samlResponse = await loginWithPasswordForm(
 *   { fetch: () => Promise.resolve(new Response(saml)), username: "alice", password: "pw" },
 *   {
 *     adapter: "adfs", idpName: "ADFS", startUrl: new URL("https://sts.example.com/adfs/ls/"),
 *     isUsernameField: (name) => name === "UserName", isPasswordField: (name) => name === "Password",
 *   },
 * );
 * assertEquals(samlResponse, "PHg+");
 * ```
 */
export async function loginWithPasswordForm(
  context: SamlLoginContext,
  login: PasswordFormLogin,
): Promise<string> {
  const { adapter, idpName, startUrl } = login;
  const { username, password } = context;
  if (!username || password === undefined) {
    throw new SamlLoginError(
      adapter,
      `${idpName} login needs a user name and a password; pass username and password.`,
    );
  }
  const page = await requestIdp(context, adapter, startUrl);
  const early = findSamlResponse(page.text);
  if (early !== undefined) return early;
  const form = loginForm(page, login);
  if (form === undefined) {
    throw new SamlLoginError(
      adapter,
      `${idpName} at ${page.url.origin} answered HTTP ${page.status} without a login form ` +
        "or a SAMLResponse; check the login URL.",
      { status: page.status },
    );
  }
  if (form.action.origin !== startUrl.origin || form.method !== "POST") {
    throw new SamlLoginError(
      adapter,
      `${idpName}'s login form submits with ${form.method} to ${form.action.origin}, not a POST ` +
        `to ${startUrl.origin}; refusing to send the password there.`,
    );
  }
  const body = new URLSearchParams();
  for (const [name, value] of filledFields(form, login, username, password)) {
    body.append(name, value);
  }
  const answer = await requestIdp(context, adapter, form.action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const samlResponse = findSamlResponse(answer.text);
  if (samlResponse !== undefined) return samlResponse;
  if (loginForm(answer, login) !== undefined) {
    throw new SamlLoginError(
      adapter,
      `${idpName} at ${startUrl.origin} refused the user name or password (the login form ` +
        "came back); check them.",
      { status: answer.status },
    );
  }
  throw new SamlLoginError(
    adapter,
    `${idpName} at ${answer.url.origin} answered the login with HTTP ${answer.status} and no ` +
      "SAMLResponse; another step (such as MFA) may be required, which this adapter does not do.",
    { status: answer.status },
  );
}

function loginForm(page: IdpResponse, login: PasswordFormLogin): HtmlForm | undefined {
  return parseHtmlForms(page.text, page.url).find((form) =>
    form.fields.some(([name]) => login.isPasswordField(name))
  );
}

function filledFields(
  form: HtmlForm,
  login: PasswordFormLogin,
  username: string,
  password: string,
): [string, string][] {
  const fields: [string, string][] = form.fields.map(([name, value]) => {
    if (login.isPasswordField(name)) return [name, password];
    if (login.isUsernameField(name)) return [name, username];
    if (login.overrides && Object.hasOwn(login.overrides, name)) {
      return [name, login.overrides[name]];
    }
    if (value === "" && login.defaults && Object.hasOwn(login.defaults, name)) {
      return [name, login.defaults[name]];
    }
    return [name, value];
  });
  const present = new Set(fields.map(([name]) => name));
  for (const [name, value] of Object.entries({ ...login.defaults, ...login.overrides })) {
    if (!present.has(name)) fields.push([name, value]);
  }
  return fields;
}

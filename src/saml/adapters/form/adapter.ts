import { SamlLoginError } from "../../errors.ts";
import { findSamlResponse, type HtmlForm, parseHtmlForms } from "../../html_form.ts";
import { htmlTags } from "../../_html_tags.ts";
import { type IdpResponse, requestIdp } from "../../_idp_response.ts";
import type { SamlAdapter, SamlLoginContext } from "../../adapter.ts";
import { compileSamlXPath, type HtmlQuery } from "../../xpath.ts";

/**
 * Options of {@linkcode formAdapter}, named after Airflow's `assume_role_with_saml` settings.
 */
export interface FormAdapterOptions {
  /** Airflow's `idp_url`: the page that starts the IdP-initiated sign-on for AWS. */
  readonly idpUrl: string;
  /**
   * Airflow's `saml_response_xpath`: where the `SAMLResponse` is in the IdP's answer, in the
   * XPath subset of {@linkcode compileSamlXPath} (checked when the adapter is created).
   * Default: the value of the `<input name="SAMLResponse">`.
   */
  readonly samlResponseXPath?: string;
  /**
   * Airflow's `idp_request_kwargs`: its `headers` are sent with every request to the IdP.
   * (`verify: false` has no equivalent: pass a `fetch` with your own TLS settings instead.)
   */
  readonly requestInit?: { readonly headers?: Readonly<Record<string, string>> };
  /** The user-name field; default: the login form's first text or email input. */
  readonly usernameField?: string;
  /** The password field; default: the login form's password input. */
  readonly passwordField?: string;
  /** More fields to post with the login form (they replace same-named ones). */
  readonly fields?: Readonly<Record<string, string>>;
}

const ADAPTER = "form";

/**
 * A generic HTML-form IdP adapter (Airflow's `idp_url` + `saml_response_xpath` +
 * `idp_request_kwargs`): GET `idpUrl` — when the answer already holds the `SAMLResponse`
 * (single sign-on cookie, Kerberos through the `fetch`), that is it — else find the login
 * form (the one with a password input, or with `passwordField`), fill in the user name and
 * password, keep its hidden fields, add `fields`, POST it to its action, follow the
 * redirects, and read the `SAMLResponse` from the page that follows.
 *
 * The password is posted only to the origin that served the login form, and never with
 * GET; a login form that comes back means the IdP refused the user name or password.
 * Airflow sends only the GET (its login is Kerberos); filling a form is this adapter's
 * addition, so plain user-name/password IdPs (SimpleSAMLphp, Shibboleth, Keycloak) work.
 *
 * @example
 * ```ts
 * import { formAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const pages: Record<string, string> = {
 *   "https://idp.example.com/sso": '<form method="post" action="/login"><input type="hidden" name="state" value="s1">' +
 *     '<input name="user"><input type="password" name="pass"></form>',
 *   "https://idp.example.com/login": '<form action="https://signin.aws.amazon.com/saml" method="post">' +
 *     '<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlLz4="></form>',
 * };
 * const idp: typeof fetch = (input) => Promise.resolve(new Response(pages[String(input)]));
 * const adapter = formAdapter({ idpUrl: "https://idp.example.com/sso" });
 * const samlResponse = await adapter.getSamlResponse({ fetch: idp, username: "alice", password: "pw" });
 * assertEquals(samlResponse, "PHNhbWxwOlJlc3BvbnNlLz4=");
 * ```
 */
export function formAdapter(options: FormAdapterOptions): SamlAdapter {
  const startUrl = new URL(options.idpUrl);
  const extract: HtmlQuery = options.samlResponseXPath === undefined
    ? findSamlResponse
    : compileSamlXPath(options.samlResponseXPath);
  const where = options.samlResponseXPath === undefined
    ? "no SAMLResponse input"
    : `nothing at ${options.samlResponseXPath}`;
  return {
    name: ADAPTER,
    async getSamlResponse(context) {
      const idp = {
        fetch: withHeaders(context.fetch, options.requestInit?.headers),
        signal: context.signal,
      };
      const page = await requestIdp(idp, ADAPTER, startUrl);
      const early = extract(page.text);
      if (early) return early;
      const login = findLoginForm(page, options);
      if (login === undefined) {
        throw new SamlLoginError(
          ADAPTER,
          `The IdP page at ${page.url.origin} (HTTP ${page.status}) has ${where} and no login ` +
            "form with a password field; check idpUrl and samlResponseXPath.",
          { status: page.status },
        );
      }
      const body = loginBody(login, options, context, page.url.origin);
      context.log?.(
        `form: posting the login form to ${login.form.action.origin}${login.form.action.pathname} ` +
          `with fields ${[...body.keys()].join(", ")}`,
      );
      const answer = await requestIdp(idp, ADAPTER, login.form.action, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      const samlResponse = extract(answer.text);
      if (samlResponse) return samlResponse;
      if (findLoginForm(answer, options) !== undefined) {
        throw new SamlLoginError(
          ADAPTER,
          `The IdP at ${answer.url.origin} refused the user name or password (the login form ` +
            "came back); check them.",
          { status: answer.status },
        );
      }
      throw new SamlLoginError(
        ADAPTER,
        `The IdP at ${answer.url.origin} answered the login with HTTP ${answer.status} and ` +
          `${where}; another step (such as MFA) may be required, or samlResponseXPath is wrong.`,
        { status: answer.status },
      );
    },
  };
}

interface LoginForm {
  readonly form: HtmlForm;
  readonly passwordField: string;
  readonly usernameField?: string;
}

/** The form with the password field, and the names of its password and user-name fields. */
function findLoginForm(page: IdpResponse, options: FormAdapterOptions): LoginForm | undefined {
  const forms = parseHtmlForms(page.text, page.url);
  const inputs = formInputs(page.text);
  for (const [index, form] of forms.entries()) {
    const names = new Set(form.fields.map(([name]) => name));
    const typed = inputs[index] ?? { passwords: [], texts: [] };
    const passwordField = options.passwordField !== undefined
      ? (names.has(options.passwordField) ? options.passwordField : undefined)
      : typed.passwords[0];
    if (passwordField === undefined) continue;
    return { form, passwordField, usernameField: options.usernameField ?? typed.texts[0] };
  }
  return undefined;
}

/**
 * For each form (as `parseHtmlForms` counts them: nested forms ignored), the names of its
 * password inputs and of its text / email inputs, in order. `HtmlForm` has no input types.
 */
function formInputs(html: string): { passwords: string[]; texts: string[] }[] {
  const forms: { passwords: string[]; texts: string[] }[] = [];
  let current: { passwords: string[]; texts: string[] } | undefined;
  for (const tag of htmlTags(html)) {
    if (tag.name === "form") {
      if (tag.end) current = undefined;
      else if (current === undefined) forms.push(current = { passwords: [], texts: [] });
      continue;
    }
    const name = tag.attributes.get("name");
    if (current === undefined || tag.end || tag.name !== "input" || !name) continue;
    if (tag.attributes.has("disabled")) continue;
    const type = (tag.attributes.get("type") ?? "text").toLowerCase();
    if (type === "password") current.passwords.push(name);
    else if (type === "text" || type === "email") current.texts.push(name);
  }
  return forms;
}

function loginBody(
  login: LoginForm,
  options: FormAdapterOptions,
  context: SamlLoginContext,
  pageOrigin: string,
): URLSearchParams {
  const { form, passwordField, usernameField } = login;
  const { username, password } = context;
  if (!username || password === undefined) {
    throw new SamlLoginError(ADAPTER, "The IdP shows a login form; pass username and password.");
  }
  if (usernameField === undefined) {
    throw new SamlLoginError(
      ADAPTER,
      `The login form at ${pageOrigin} has no text input for the user name; set usernameField.`,
    );
  }
  if (form.method !== "POST" || form.action.origin !== pageOrigin) {
    throw new SamlLoginError(
      ADAPTER,
      `The login form at ${pageOrigin} submits with ${form.method} to ${form.action.origin}; ` +
        "the password is only sent with POST to the origin of the login page.",
    );
  }
  const values: Record<string, string> = {
    ...options.fields,
    [usernameField]: username,
    [passwordField]: password,
  };
  const body = new URLSearchParams();
  for (const [name, value] of form.fields) {
    body.append(name, Object.hasOwn(values, name) ? values[name] : value);
  }
  for (const [name, value] of Object.entries(values)) {
    if (!body.has(name)) body.append(name, value);
  }
  return body;
}

/** `fetch` with `headers` added to every request (the request's own headers win). */
function withHeaders(
  fetchIdp: typeof fetch,
  headers: Readonly<Record<string, string>> | undefined,
): typeof fetch {
  if (headers === undefined) return fetchIdp;
  return (input, init) => {
    const merged = new Headers(headers);
    new Headers(init?.headers).forEach((value, name) => merged.set(name, value));
    return fetchIdp(input, { ...init, headers: merged });
  };
}

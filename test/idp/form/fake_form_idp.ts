/**
 * A small form-login IdP, shaped like SimpleSAMLphp and Shibboleth: `GET /sso` starts an
 * IdP-initiated sign-on (a `flow` cookie, then a 302 to `/login?AuthState=…`); the login page
 * has a decoy search form, a commented-out form and the real one (hidden `AuthState`, user
 * name, password); `POST /login` checks the cookie, the state, the credentials and — when
 * configured — a required header, then 303s to `/sso/complete`, which answers the page that
 * posts a signed `SAMLResponse` to AWS. A wrong password shows the login form again.
 *
 * @example
 * ```ts
 * await using idp = await startFakeFormIdp({ username: "alice", password: "pw", roles });
 * const adapter = formAdapter({ idpUrl: `${idp.url}/sso` });
 * ```
 *
 * @module
 */
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { signedSamlResponse, type TestSamlRole } from "../saml_issuer.ts";
import { serveApp } from "../serve_app.ts";

/** How the fake behaves. */
export interface FakeFormIdpOptions {
  readonly username: string;
  readonly password: string;
  /** The roles of the assertion. */
  readonly roles: readonly TestSamlRole[];
  /** When set, every request must carry this header with this value, else 406. */
  readonly requiredHeader?: readonly [string, string];
  /** Where the SAMLResponse is put: an `<input>` (default) or a `<textarea id="saml">`. */
  readonly markup?: "input" | "textarea";
  /** The login form's `action`; default `/login` (same origin). */
  readonly loginAction?: string;
}

/** A running fake form IdP. */
export interface FakeFormIdp extends AsyncDisposable {
  /** Its origin. */
  readonly url: string;
  /** The bodies of every `POST /login`, in order. */
  readonly logins: URLSearchParams[];
  /** How many SAML responses it issued. */
  readonly issued: number;
}

/** Starts the fake on a free loopback port. */
export async function startFakeFormIdp(options: FakeFormIdpOptions): Promise<FakeFormIdp> {
  const logins: URLSearchParams[] = [];
  const flows = new Set<string>();
  const sessions = new Set<string>();
  let issued = 0;
  const app = new Hono();
  app.use(async (c, next) => {
    const [name, value] = options.requiredHeader ?? [];
    if (name !== undefined && c.req.header(name) !== value) {
      return c.text(`missing header ${name}`, 406);
    }
    await next();
  });
  app.get("/sso", (c) => {
    const session = getCookie(c, "idp_session");
    if (session !== undefined && sessions.has(session)) return c.redirect("/sso/complete", 302);
    const flow = crypto.randomUUID();
    flows.add(flow);
    setCookie(c, "flow", flow, { path: "/", httpOnly: true });
    return c.redirect(`/login?AuthState=${flow}`, 302);
  });
  app.get("/login", (c) => {
    const state = c.req.query("AuthState") ?? "";
    if (getCookie(c, "flow") !== state || !flows.has(state)) return c.text("no flow cookie", 400);
    return c.html(loginPage(state, options.loginAction ?? "/login", ""));
  });
  app.post("/login", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    logins.push(form);
    const state = form.get("AuthState") ?? "";
    if (c.req.header("content-type") !== "application/x-www-form-urlencoded") {
      return c.text("form expected", 415);
    }
    if (getCookie(c, "flow") !== state || !flows.has(state)) return c.text("state mismatch", 400);
    if (
      form.get("j_username") !== options.username || form.get("j_password") !== options.password
    ) {
      return c.html(
        loginPage(state, options.loginAction ?? "/login", "Incorrect username or password."),
      );
    }
    flows.delete(state);
    const session = crypto.randomUUID();
    sessions.add(session);
    setCookie(c, "idp_session", session, { path: "/", httpOnly: true });
    return c.redirect("/sso/complete", 303);
  });
  app.get("/sso/complete", (c) => {
    const session = getCookie(c, "idp_session");
    if (session === undefined || !sessions.has(session)) return c.text("not signed in", 403);
    issued++;
    const samlResponse = signedSamlResponse({
      roles: options.roles,
      roleSessionName: options.username,
    });
    return c.html(
      options.markup === "textarea"
        ? `<html><body><form method="post" action="https://signin.aws.amazon.com/saml">` +
          `<textarea id="saml" name="assertion">${samlResponse}</textarea></form></body></html>`
        : `<html><body onload="document.forms[0].submit()">` +
          `<form method="post" action="https://signin.aws.amazon.com/saml">` +
          `<input type="hidden" name="SAMLResponse" value="${samlResponse}" />` +
          `<input type="hidden" name="RelayState" value="" /></form></body></html>`,
    );
  });
  const served = await serveApp(app);
  return {
    url: served.url,
    logins,
    get issued() {
      return issued;
    },
    [Symbol.asyncDispose]: () => served[Symbol.asyncDispose](),
  };
}

function loginPage(state: string, action: string, error: string): string {
  return `<!DOCTYPE html>
<html><head><title>Sign in</title></head><body>
<form action="/search" method="get"><input type="text" name="q"><input type="submit" value="Search"></form>
<!-- <form action="https://evil.example/login" method="post"><input type="password" name="pw"></form> -->
${error ? `<p class="error">${error}</p>` : ""}
<form method="post" action="${action}">
  <input type="hidden" name="AuthState" value="${state}">
  <label>User <input type="text" name="j_username" value=""></label>
  <label>Password <input type="password" name="j_password"></label>
  <input type="checkbox" name="remember" value="yes">
  <input type="submit" name="login" value="Log in">
</form>
</body></html>`;
}

/**
 * A fake ADFS server on 127.0.0.1: IdP-initiated sign-on (`/adfs/ls/IdpInitiatedSignOn.aspx?
 * loginToRp=…`) with forms authentication as ADFS does it — the login page sets a context
 * cookie and a matching hidden field, the POST must bring both plus `AuthMethod=
 * FormsAuthentication` and the right password, then ADFS answers 302 to the same URL with its
 * `MSISAuth` cookie, and the sign-on URL with that cookie answers the signed SAML form. Windows
 * integrated authentication: an `Authorization: Negotiate <token>` header with a token from
 * `negotiateTokens` signs the user in directly.
 *
 * @example
 * ```ts
 * await using adfs = await startFakeAdfs({ users: { alice: "pw" }, roles: [{ roleArn, principalArn }] });
 * const adapter = adfsAdapter({ loginUrl: adfs.url });
 * ```
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { signedSamlResponse, type TestSamlRole } from "../saml_issuer.ts";
import { adfsErrorPage, adfsLoginPage, adfsSamlPostPage } from "./fake_adfs_pages.ts";
import { serveApp, type ServedApp } from "../serve_app.ts";

/** The sign-on path of every ADFS. */
export const ADFS_SIGN_ON_PATH = "/adfs/ls/IdpInitiatedSignOn.aspx";

/** What the fake ADFS knows and how it misbehaves. */
export interface FakeAdfsInit {
  /** User name → password. */
  readonly users: Readonly<Record<string, string>>;
  /** The roles put in every assertion. */
  readonly roles: readonly TestSamlRole[];
  /** The relying party identifier it signs on to; default `urn:amazon:webservices`. */
  readonly relyingParty?: string;
  /** Kerberos/NTLM token → user name, for Windows integrated authentication. */
  readonly negotiateTokens?: Readonly<Record<string, string>>;
  /** Answers the credentials POST with a 307 to this URL instead of checking them. */
  readonly redirectPostTo?: string;
  /** Makes the login form post to this URL (e.g. another origin). */
  readonly formAction?: string;
  /** `no-form`: the sign-on page has no form; `loop`: it redirects to itself forever. */
  readonly hostile?: "no-form" | "loop";
}

/** One request the fake received. */
export interface FakeAdfsRequest {
  readonly method: string;
  readonly path: string;
  /** The form fields of a POST. */
  readonly form?: Readonly<Record<string, string>>;
}

/** A running fake ADFS (its `url` is the adapter's `loginUrl`); close it (or `await using` it). */
export interface RunningFakeAdfs extends ServedApp {
  /** Every request, in order. */
  readonly requests: FakeAdfsRequest[];
}

/** Starts a fake ADFS for `init` on a free port of 127.0.0.1. */
export async function startFakeAdfs(init: FakeAdfsInit): Promise<RunningFakeAdfs> {
  const requests: FakeAdfsRequest[] = [];
  return { ...await serveApp(createFakeAdfsApp(init, requests)), requests };
}

function createFakeAdfsApp(init: FakeAdfsInit, requests: FakeAdfsRequest[]): Hono {
  const relyingParty = init.relyingParty ?? "urn:amazon:webservices";
  const contexts = new Set<string>();
  const sessions = new Map<string, string>();
  const app = new Hono();

  const samlPage = (user: string) =>
    adfsSamlPostPage(
      signedSamlResponse({ roles: init.roles, subject: user, roleSessionName: user }),
      "https://signin.aws.amazon.com:443/saml",
    );

  const loginPage = (c: Context, error?: string) => {
    const context = crypto.randomUUID();
    contexts.add(context);
    setCookie(c, "MSISContextCookie", context, { path: "/adfs", httpOnly: true });
    const action = init.formAction ?? new URL(c.req.url).pathname + new URL(c.req.url).search;
    return c.html(adfsLoginPage({ action, context, error }));
  };

  app.get(ADFS_SIGN_ON_PATH, (c) => {
    requests.push({ method: "GET", path: new URL(c.req.url).pathname });
    if (init.hostile === "loop") return c.redirect(c.req.url, 302);
    if (init.hostile === "no-form") return c.html(adfsErrorPage("An error occurred."));
    if (c.req.query("loginToRp") !== relyingParty) {
      return c.html(
        adfsErrorPage("MSIS7012: An error occurred while processing the request."),
        400,
      );
    }
    const negotiate = c.req.header("authorization")?.match(/^Negotiate (\S+)$/)?.[1];
    if (negotiate !== undefined) {
      const user = init.negotiateTokens?.[negotiate];
      if (user === undefined) {
        c.header("www-authenticate", "Negotiate");
        return c.html(adfsErrorPage("Windows authentication failed."), 401);
      }
      return c.html(samlPage(user));
    }
    const user = sessions.get(getCookie(c, "MSISAuth") ?? "");
    if (user !== undefined) return c.html(samlPage(user));
    return loginPage(c);
  });

  app.post(ADFS_SIGN_ON_PATH, async (c) => {
    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]),
    );
    requests.push({ method: "POST", path: new URL(c.req.url).pathname, form });
    if (init.redirectPostTo !== undefined) return c.redirect(init.redirectPostTo, 307);
    if (!c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")) {
      return c.html(adfsErrorPage("Unsupported content type."), 400);
    }
    const context = getCookie(c, "MSISContextCookie");
    if (
      c.req.query("loginToRp") !== relyingParty || context === undefined ||
      form.Context !== context || !contexts.delete(context)
    ) {
      return c.html(
        adfsErrorPage(
          "MSIS7042: The same client browser session has made too many requests or the context was lost.",
        ),
        400,
      );
    }
    if (form.AuthMethod !== "FormsAuthentication") {
      return c.html(adfsErrorPage("MSIS9002: The authentication method is not supported."), 400);
    }
    if (!Object.hasOwn(init.users, form.UserName) || init.users[form.UserName] !== form.Password) {
      return loginPage(
        c,
        "Incorrect user ID or password. Type the correct user ID and password, and try again.",
      );
    }
    const session = crypto.randomUUID();
    sessions.set(session, form.UserName);
    setCookie(c, "MSISAuth", session, { path: "/adfs", httpOnly: true });
    setCookie(c, "MSISAuthenticated", btoa(new Date().toISOString()), { path: "/adfs" });
    return c.redirect(new URL(c.req.url).pathname + new URL(c.req.url).search, 302);
  });

  app.all("*", (c) => {
    requests.push({ method: c.req.method, path: new URL(c.req.url).pathname });
    return c.html(adfsErrorPage("Not found."), 404);
  });
  return app;
}

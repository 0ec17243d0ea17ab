/**
 * A fake PingFederate on 127.0.0.1 with both ways in:
 *
 * - IdP-initiated SSO with the HTML Form Adapter: `GET /idp/startSSO.ping?PartnerSpId=…` sets
 *   the `PF` session cookie and answers the login page, whose form posts to a per-transaction
 *   `/idp/<id>/resumeSAML20/idp/startSSO.ping`; that POST needs the cookie, `pf.ok=clicked`,
 *   the adapter id and the right password, and answers the signed SAML form.
 * - WS-Trust at `POST /idp/sts.wst` (see `fake_ping_sts.ts`).
 *
 * @example
 * ```ts
 * await using ping = await startFakePing({ users: { alice: "pw" }, roles, partners: ["urn:amazon:webservices"] });
 * const adapter = pingFederateAdapter({ loginUrl: `${ping.url}/idp/sts.wst`, exchangeUrl: "urn:amazon:webservices" });
 * ```
 *
 * @module
 */
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { signedSamlResponse } from "../saml_issuer.ts";
import { pingLoginPage, pingSamlPostPage } from "./fake_ping_pages.ts";
import { answerWsTrust, type FakePingStsInit } from "./fake_ping_sts.ts";
import { serveApp, type ServedApp } from "../serve_app.ts";

const ADAPTER_ID = "HTMLFormAdapter";

/** What the fake PingFederate knows and how it misbehaves. */
export interface FakePingInit extends FakePingStsInit {
  /** Answers the form POST with a 307 to this URL instead of checking it. */
  readonly redirectPostTo?: string;
}

/** One request the fake received. */
export interface FakePingRequest {
  readonly method: string;
  readonly path: string;
  /** The `Authorization` header, if any. */
  readonly authorization?: string;
  /** The form fields of a form POST. */
  readonly form?: Readonly<Record<string, string>>;
}

/** A running fake PingFederate; close it (or `await using` it) at the end of the test. */
export interface RunningFakePing extends ServedApp {
  /** Every request, in order. */
  readonly requests: FakePingRequest[];
}

/** Starts a fake PingFederate for `init` on a free port of 127.0.0.1. */
export async function startFakePing(init: FakePingInit): Promise<RunningFakePing> {
  const requests: FakePingRequest[] = [];
  return { ...await serveApp(createFakePingApp(init, requests)), requests };
}

function createFakePingApp(init: FakePingInit, requests: FakePingRequest[]): Hono {
  const transactions = new Map<string, { session: string; partner: string }>();
  const app = new Hono();
  app.use("*", async (c, next) => {
    const authorization = c.req.header("authorization");
    const form = c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")
      ? Object.fromEntries(
        Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]),
      )
      : undefined;
    requests.push({
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      ...(authorization === undefined ? {} : { authorization }),
      ...(form === undefined ? {} : { form }),
    });
    await next();
  });

  app.get("/idp/startSSO.ping", (c) => {
    const partner = c.req.query("PartnerSpId") ?? "";
    if (!init.partners.includes(partner)) {
      return c.html("<html><body>Unknown partner.</body></html>", 400);
    }
    const session = getCookie(c, "PF") ?? crypto.randomUUID();
    setCookie(c, "PF", session, { path: "/", httpOnly: true });
    const transaction = crypto.randomUUID().replaceAll("-", "").slice(0, 5);
    transactions.set(transaction, { session, partner });
    return c.html(pingLoginPage({
      action: `/idp/${transaction}/resumeSAML20/idp/startSSO.ping`,
      adapterId: ADAPTER_ID,
    }));
  });

  app.post("/idp/:transaction/resumeSAML20/idp/startSSO.ping", async (c) => {
    if (init.redirectPostTo !== undefined) return c.redirect(init.redirectPostTo, 307);
    const form = Object.fromEntries(
      Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]),
    );
    const transaction = transactions.get(c.req.param("transaction"));
    if (transaction === undefined || transaction.session !== getCookie(c, "PF")) {
      return c.html("<html><body>The transaction has expired.</body></html>", 400);
    }
    if (form["pf.ok"] !== "clicked" || form["pf.adapterId"] !== ADAPTER_ID) {
      return c.html("<html><body>Unexpected form submission.</body></html>", 400);
    }
    const username = form["pf.username"];
    if (!Object.hasOwn(init.users, username) || init.users[username] !== form["pf.pass"]) {
      return c.html(pingLoginPage({
        action: c.req.path,
        adapterId: ADAPTER_ID,
        error: "We didn't recognize the username or password you entered. Please try again.",
      }));
    }
    transactions.delete(c.req.param("transaction"));
    return c.html(pingSamlPostPage(
      signedSamlResponse({ roles: init.roles, subject: username, roleSessionName: username }),
      "https://signin.aws.amazon.com/saml",
    ));
  });

  app.post("/idp/sts.wst", async (c) => {
    const answer = answerWsTrust(init, {
      contentType: c.req.header("content-type") ?? "",
      authorization: c.req.header("authorization"),
      body: await c.req.text(),
      now: new Date(),
    });
    return c.body(answer.body, answer.status as 200 | 500, {
      "content-type": "application/soap+xml; charset=utf-8",
    });
  });

  app.all("*", (c) => c.html("<html><body>Not found.</body></html>", 404));
  return app;
}

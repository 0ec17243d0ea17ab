/**
 * The fake Okta org as a Hono app: the Authentication API (`POST /api/v1/authn`, factor
 * verification) and the AWS app's embed link, which answers the SAML form only for a valid,
 * unused session token and otherwise redirects to the sign-in page, as Okta does. Every
 * answer carries CORS headers so a page on another origin can call it (Okta allows this for
 * an org's trusted origins).
 *
 * @module
 */
import { Hono } from "hono";
import { cors } from "hono/cors";
import { signedSamlResponse } from "../saml_issuer.ts";
import { verifyFactor } from "./factor_verify.ts";
import { mfaRequiredJson, oktaError, successJson } from "./fake_okta_json.ts";
import type { FakeOktaState } from "./fake_okta_state.ts";
import { samlFormPage, signInPage } from "./saml_form_page.ts";

/** The path of the AWS app's embed link in every fake org. */
export const FAKE_OKTA_APP_PATH = "/home/amazon_aws/0oa1fakeokta0aws0app/272";

/** The issuer of the fake org's assertions, in Okta's form. */
export const FAKE_OKTA_ISSUER = "http://www.okta.com/exk1fakeokta0aws0app";

const AWS_SIGN_IN = "https://signin.aws.amazon.com/saml";

/** A Hono app serving `state`'s org. */
export function createFakeOktaApp(state: FakeOktaState): Hono {
  const app = new Hono();
  app.use("*", cors({ origin: (origin) => origin, credentials: true }));
  app.use("*", async (c, next) => {
    const url = new URL(c.req.url);
    const authorization = c.req.header("authorization");
    const origin = c.req.header("origin");
    state.log.push({
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(authorization === undefined ? {} : { authorization }),
      ...(origin === undefined ? {} : { origin }),
    });
    await next();
  });

  app.use("/api/v1/*", async (c, next) => {
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      const token = authorization.match(/^SSWS (.+)$/)?.[1];
      if (token === undefined || !(state.init.apiTokens ?? []).includes(token)) {
        return c.json(oktaError("E0000011", "Invalid token provided"), 401);
      }
    }
    if (!c.req.header("content-type")?.startsWith("application/json")) {
      return c.json(oktaError("E0000003", "The request body was not well-formed."), 400);
    }
    await next();
  });

  app.post("/api/v1/authn", async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const user = typeof body.username === "string" ? state.users.get(body.username) : undefined;
    if (user === undefined || body.password !== user.init.password) {
      return c.json(oktaError("E0000004", "Authentication failed"), 401);
    }
    const origin = new URL(c.req.url).origin;
    if (user.factors.length === 0) {
      const sessionToken = state.issueSessionToken(user);
      const expiresAt = state.sessionTokens.get(sessionToken)!.expiresAt;
      return c.json(successJson(user, sessionToken, expiresAt));
    }
    const stateToken = state.startTransaction(user);
    const expiresAt = state.transactions.get(stateToken)!.expiresAt;
    return c.json(mfaRequiredJson(origin, user, stateToken, expiresAt));
  });

  app.post("/api/v1/authn/factors/:factorId/verify", async (c) => {
    const body = await c.req.json().catch(() => ({}));
    const answer = await verifyFactor(
      state,
      new URL(c.req.url).origin,
      c.req.param("factorId"),
      body,
    );
    return c.json(answer.body, answer.status);
  });

  app.get(FAKE_OKTA_APP_PATH, (c) => {
    const user = state.redeemSessionToken(
      c.req.query("onetimetoken") ?? c.req.query("sessionToken"),
    );
    if (user === undefined) {
      return c.redirect(`/login/login.htm?fromURI=${encodeURIComponent(FAKE_OKTA_APP_PATH)}`, 302);
    }
    const samlResponse = signedSamlResponse({
      roles: state.init.roles,
      subject: user.init.login,
      issuer: FAKE_OKTA_ISSUER,
      roleSessionName: user.init.login,
      sessionDuration: state.init.sessionDuration,
    });
    return c.html(samlFormPage(samlResponse, AWS_SIGN_IN));
  });

  app.get("/login/login.htm", (c) => c.html(signInPage()));
  return app;
}

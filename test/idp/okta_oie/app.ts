/**
 * The fake Okta Identity Engine org as a Hono app: the OAuth endpoints of the org and custom
 * authorization servers, the device activation page (where a test signs in as the user and
 * approves a code), the user's app links, `/login/token/sso` (the AWS app's SAML form, signed
 * with xml-crypto), `/.well-known/okta-organization` and the signing keys. Every answer has
 * CORS headers, as Okta sends them to an org's trusted origins.
 *
 * @module
 */
import { type Context, Hono } from "hono";
import { cors } from "hono/cors";
import { samlFormPage } from "../okta/saml_form_page.ts";
import { signedSamlResponse } from "../saml_issuer.ts";
import { apiError, type FakeAnswer, oauthError } from "./okta_errors.ts";
import type { FakeOktaOieState } from "./state.ts";
import { challenge } from "./people_grants.ts";
import { deviceAuthorizeEndpoint, tokenEndpoint } from "./token_endpoint.ts";

const AWS_SIGN_IN = "https://signin.aws.amazon.com/saml";

/** The issuer of the assertions of the AWS app `appId`, in Okta's form. */
export function fakeOieIssuer(appId: string): string {
  return `http://www.okta.com/exk${appId}`;
}

/** A Hono app serving `state`'s org. */
export function createFakeOktaOieApp(state: FakeOktaOieState): Hono {
  const app = new Hono();
  app.use("*", cors({ origin: (origin) => origin, credentials: true }));
  app.use("*", async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    const form = c.req.method === "POST" && type.startsWith("application/x-www-form-urlencoded")
      ? Object.fromEntries(new URLSearchParams(await c.req.raw.clone().text()))
      : undefined;
    const authorization = c.req.header("authorization");
    const origin = c.req.header("origin");
    state.log.push({
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      ...(form === undefined ? {} : { form }),
      ...(authorization === undefined ? {} : { authorization }),
      ...(origin === undefined ? {} : { origin }),
    });
    await next();
  });
  const servers = state.init.authorizationServers ?? ["default"];
  const oauth = (endpoint: string, handle: (c: Context, server: string) => Promise<Response>) => {
    app.post(`/oauth2/v1/${endpoint}`, (c) => handle(c, "org"));
    app.post(`/oauth2/:server/v1/${endpoint}`, (c) => {
      const server = c.req.param("server");
      if (!servers.includes(server)) {
        return answer(
          c,
          apiError(
            404,
            "E0000007",
            `Not found: Resource not found: ${server} (AuthorizationServer)`,
          ),
        );
      }
      return handle(c, server);
    });
  };
  const origin = (c: Context) => new URL(c.req.url).origin;
  oauth(
    "token",
    async (c, server) =>
      answer(
        c,
        await tokenEndpoint(state, origin(c), server, withoutQuery(c.req.url), await formOf(c)),
      ),
  );
  oauth(
    "device/authorize",
    async (c, server) =>
      answer(c, deviceAuthorizeEndpoint(state, origin(c), server, await formOf(c))),
  );
  oauth("challenge", async (c) => answer(c, challenge(state, await formOf(c))));
  app.get("/oauth2/v1/keys", async (c) => c.json({ keys: [await state.publicJwk()] }));
  app.get("/oauth2/:server/v1/keys", async (c) => c.json({ keys: [await state.publicJwk()] }));

  app.get("/.well-known/okta-organization", (c) =>
    c.json({
      id: "00o1fakeoieorg",
      cell: "op3",
      _links: { organization: { href: origin(c) } },
      pipeline: state.init.pipeline ?? "idx",
      settings: { analyticsCollectionEnabled: false, bugReportingEnabled: true },
    }));

  app.get("/activate", (c) => c.html("<!DOCTYPE html><title>Activate</title><form method=post>"));
  app.post("/activate", async (c) => {
    const form = await formOf(c);
    if (state.authenticate(form.username, form.password) === undefined) {
      return c.text("Sign-in failed", 401);
    }
    try {
      state.approveDevice(
        form.user_code ?? "",
        form.username,
        form.decision === "deny" ? "deny" : "approve",
      );
    } catch {
      return c.text("Unknown code", 400);
    }
    return c.text(form.decision === "deny" ? "Denied" : "Device activated");
  });

  app.get("/api/v1/users/me/appLinks", (c) => {
    const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const access = token === undefined ? undefined : state.accessTokens.get(token);
    if (access?.user === undefined || access.expiresAt <= Date.now() || access.server !== "org") {
      return answer(c, apiError(401, "E0000011", "Invalid token provided"));
    }
    if (!access.scopes.includes("okta.users.read.self")) {
      return answer(
        c,
        apiError(403, "E0000006", "You do not have permission to perform the requested action"),
      );
    }
    const user = access.user;
    const aws = [...state.apps.values()].filter((a) => state.assigned(user, a.id));
    return c.json([
      ...aws.map((a, i) => appLink(origin(c), "amazon_aws", a.id, a.label, i)),
      appLink(origin(c), "google", "0oa1googleworkspace", "Google Workspace", aws.length),
    ]);
  });

  app.post("/login/token/sso", async (c) => {
    const token = (await formOf(c)).token ?? "";
    const entry = state.webSsoTokens.get(token);
    if (entry === undefined || entry.expiresAt <= Date.now()) {
      return answer(c, oauthError("web_sso_token_invalid"));
    }
    if (entry.used) return answer(c, oauthError("web_sso_token_replayed"));
    entry.used = true;
    const aws = state.apps.get(entry.appId)!;
    const samlResponse = signedSamlResponse({
      roles: aws.roles,
      subject: entry.user.init.login,
      issuer: fakeOieIssuer(aws.id),
      roleSessionName: entry.user.init.login,
      sessionDuration: aws.sessionDuration,
    });
    return c.html(samlFormPage(samlResponse, AWS_SIGN_IN));
  });
  return app;
}

function answer(c: Context, fake: FakeAnswer): Response {
  return c.json(fake.body, fake.status);
}

async function formOf(c: Context): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function appLink(origin: string, appName: string, id: string, label: string, sortOrder: number) {
  return {
    id: `00ub0oNGTSWTBKOLGL${sortOrder}`,
    label,
    linkUrl: `${origin}/home/${appName}/${id}/272`,
    logoUrl: `${origin}/assets/img/logos/${appName}.png`,
    appName,
    appInstanceId: id,
    appAssignmentId: `0ua3omz7weMMMQJERB${sortOrder}`,
    credentialsSetup: false,
    hidden: false,
    sortOrder,
  };
}

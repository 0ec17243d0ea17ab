/**
 * A fake Azure AD (Entra ID) token endpoint on 127.0.0.1: `POST /{tenant}/oauth2/token` with
 * the resource-owner password grant and `requested_token_type=urn:ietf:params:oauth:token-
 * type:saml2`, as Redshift's `AzureCredentialsProvider` sends it. It checks the tenant, the
 * client (and its secret, for a confidential client), the resource and the password, and
 * answers like Azure AD v1: the signed SAML 2.0 `Assertion` alone, base64url, as
 * `access_token`, or an OAuth error with `AADSTS` codes.
 *
 * @example
 * ```ts
 * await using azure = await startFakeAzureAd({ tenant, clientId, resource, users, roles });
 * const adapter = azureAdAdapter({ tenant, clientId, resource, authority: azure.url });
 * ```
 *
 * @module
 */
import { Hono } from "hono";
import { signedAssertionXml, type TestSamlRole } from "../saml_issuer.ts";
import { serveApp, type ServedApp } from "../serve_app.ts";

const SAML2_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:saml2";

/** What the fake tenant knows. */
export interface FakeAzureAdInit {
  /** The tenant id. */
  readonly tenant: string;
  /** The connector application's client id. */
  readonly clientId: string;
  /** The client secret; when set, the client is confidential and must send it. */
  readonly clientSecret?: string;
  /** The AWS SAML application's id URI. */
  readonly resource: string;
  /** User name → password. */
  readonly users: Readonly<Record<string, string>>;
  /** Users whose policy requires MFA (the password grant then fails with AADSTS50076). */
  readonly mfaUsers?: readonly string[];
  /** The roles put in every assertion. */
  readonly roles: readonly TestSamlRole[];
  /** Hostile: echo the request body in `error_description`, or answer a JWT instead. */
  readonly hostile?: "echo-body" | "jwt-token";
  /** Answers every token request with a 307 to this URL. */
  readonly redirectTo?: string;
}

/** A running fake Azure AD (its `url` is the adapter's `authority`); close it (or `await using` it). */
export interface RunningFakeAzureAd extends ServedApp {
  /** The form of every token request, in order. */
  readonly requests: Record<string, string>[];
}

/** Starts a fake Azure AD for `init` on a free port of 127.0.0.1. */
export async function startFakeAzureAd(init: FakeAzureAdInit): Promise<RunningFakeAzureAd> {
  const requests: Record<string, string>[] = [];
  return { ...await serveApp(createFakeAzureAdApp(init, requests)), requests };
}

function createFakeAzureAdApp(init: FakeAzureAdInit, requests: Record<string, string>[]): Hono {
  const app = new Hono();
  app.post("/:tenant/oauth2/token", async (c) => {
    if (init.redirectTo !== undefined) return c.redirect(init.redirectTo, 307);
    if (!c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded")) {
      return c.json(
        aadError(
          "invalid_request",
          900144,
          "The request body must contain the following parameter: 'grant_type'.",
        ),
        400,
      );
    }
    const raw = await c.req.text();
    const form = Object.fromEntries(new URLSearchParams(raw));
    requests.push(form);
    if (c.req.param("tenant") !== init.tenant) {
      return c.json(
        aadError("invalid_request", 90002, `Tenant '${c.req.param("tenant")}' not found.`),
        400,
      );
    }
    if (init.hostile === "echo-body") {
      return c.json(
        aadError("invalid_grant", 50126, `Error validating credentials. Request: ${raw}`),
        400,
      );
    }
    if (form.grant_type !== "password") {
      return c.json(
        aadError("unsupported_grant_type", 70003, "The app requested an unsupported grant type."),
        400,
      );
    }
    if (form.requested_token_type !== SAML2_TOKEN_TYPE) {
      return c.json(aadError("invalid_request", 50027, "Invalid requested_token_type."), 400);
    }
    if (form.client_id !== init.clientId) {
      return c.json(
        aadError(
          "unauthorized_client",
          700016,
          `Application with identifier '${form.client_id}' was not found.`,
        ),
        400,
      );
    }
    if (init.clientSecret !== undefined && form.client_secret !== init.clientSecret) {
      return form.client_secret === undefined
        ? c.json(
          aadError(
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
          ),
          401,
        )
        : c.json(aadError("invalid_client", 7000215, "Invalid client secret provided."), 401);
    }
    if (form.resource !== init.resource) {
      return c.json(
        aadError(
          "invalid_resource",
          500011,
          `The resource principal named ${form.resource} was not found.`,
        ),
        400,
      );
    }
    if (!Object.hasOwn(init.users, form.username) || init.users[form.username] !== form.password) {
      return c.json(
        aadError(
          "invalid_grant",
          50126,
          "Error validating credentials due to invalid username or password.",
        ),
        400,
      );
    }
    if (init.mfaUsers?.includes(form.username)) {
      return c.json(
        aadError(
          "invalid_grant",
          50076,
          "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.",
        ),
        400,
      );
    }
    const assertion = init.hostile === "jwt-token"
      ? "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"
      : base64Url(
        signedAssertionXml({
          roles: init.roles,
          subject: form.username,
          roleSessionName: form.username,
        }),
      );
    const now = Math.floor(Date.now() / 1000);
    return c.json({
      token_type: "Bearer",
      issued_token_type: SAML2_TOKEN_TYPE,
      expires_in: "3599",
      ext_expires_in: "3599",
      expires_on: String(now + 3599),
      not_before: String(now - 300),
      resource: init.resource,
      access_token: assertion,
      refresh_token: "0.AAAAfake-refresh-token",
    });
  });
  app.all(
    "*",
    (c) =>
      c.json(aadError("invalid_request", 900561, "The endpoint only accepts POST requests."), 400),
  );
  return app;
}

function aadError(error: string, code: number, description: string) {
  const trace = crypto.randomUUID();
  return {
    error,
    error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${trace}\r\n` +
      `Correlation ID: ${crypto.randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`,
    error_codes: [code],
    timestamp: new Date().toISOString(),
    trace_id: trace,
    correlation_id: crypto.randomUUID(),
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

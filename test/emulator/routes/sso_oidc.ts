import type { Context } from "hono";
import { Hono } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";
import { faultMiddleware } from "../fault_middleware.ts";
import { randomIdChars, randomSecretChars } from "../random_ids.ts";
import type { EmulatorState } from "../state.ts";

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * The IAM Identity Center OIDC service (`oidc.<region>.amazonaws.com`, REST-JSON,
 * unsigned), mounted at `/sso-oidc`: `POST /client/register`, `/device_authorization` and
 * `/token` (device-code and refresh-token grants). Client ids and secrets, device codes,
 * their expiry and refresh tokens are checked as the service does; the knobs of
 * `state.ssoOidc` decide when the "user" approves, denies or makes the client slow down.
 * Issued access tokens are accepted by the portal (`state.sso.accessTokens`). Errors carry
 * the OAuth `error` / `error_description` body and the `x-amzn-ErrorType` header.
 *
 * @example
 * ```ts
 * app.route("/sso-oidc", ssoOidcRoutes(state));
 * ```
 */
export function ssoOidcRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const oidc = state.ssoOidc;
  const routes = new Hono<EmulatorEnv>();
  routes.use("*", faultMiddleware(state, { scopedOnly: true }));

  routes.post("/client/register", async (c) => {
    const body = await jsonBody(c);
    if (typeof body?.clientName !== "string" || body.clientType !== "public") {
      return oidcError(
        c,
        400,
        "InvalidRequestException",
        "invalid_request",
        "clientName and clientType=public are required",
      );
    }
    const clientId = randomIdChars(22);
    const clientSecret = "eyJraWQiOiJrZXktMTU2" + randomSecretChars(400);
    const issuedAt = Math.floor(state.now().getTime() / 1000);
    const client = {
      clientId,
      clientSecret,
      clientName: body.clientName,
      scopes: stringList(body.scopes),
      grantTypes: stringList(body.grantTypes),
      clientSecretExpiresAt: issuedAt + oidc.registrationExpiresInSeconds,
    };
    oidc.clients.set(clientId, client);
    return c.json({
      clientId,
      clientSecret,
      clientIdIssuedAt: issuedAt,
      clientSecretExpiresAt: client.clientSecretExpiresAt,
    });
  });

  routes.post("/device_authorization", async (c) => {
    const body = await jsonBody(c);
    const client = authenticate(body);
    if (client === undefined) return invalidClient(c);
    if (typeof body?.startUrl !== "string" || !/^https:\/\//.test(body.startUrl)) {
      return oidcError(
        c,
        400,
        "InvalidRequestException",
        "invalid_request",
        "startUrl is required",
      );
    }
    const deviceCode = randomSecretChars(80);
    const userCode = `${randomIdChars(4)}-${randomIdChars(4)}`;
    oidc.deviceAuthorizations.set(deviceCode, {
      deviceCode,
      userCode,
      clientId: client.clientId,
      startUrl: body.startUrl,
      expiresAt: state.now().getTime() + oidc.deviceCodeExpiresInSeconds * 1000,
      polls: 0,
      redeemed: false,
    });
    const verificationUri = "https://device.sso.us-east-1.amazonaws.com/";
    return c.json({
      deviceCode,
      userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
      expiresIn: oidc.deviceCodeExpiresInSeconds,
      interval: oidc.intervalSeconds,
    });
  });

  routes.post("/token", async (c) => {
    const body = await jsonBody(c);
    const grantType = typeof body?.grantType === "string" ? body.grantType : "";
    const answer = (outcome: string, response: Response) => {
      oidc.createTokenCalls.push({ grantType, outcome });
      return response;
    };
    const client = authenticate(body);
    if (client === undefined) return answer("InvalidClientException", invalidClient(c));
    if (!client.grantTypes.includes(grantType) && grantType !== DEVICE_CODE_GRANT) {
      return answer(
        "UnsupportedGrantTypeException",
        oidcError(
          c,
          400,
          "UnsupportedGrantTypeException",
          "unsupported_grant_type",
          "grant type not registered",
        ),
      );
    }
    if (grantType === "refresh_token") {
      const token = body?.refreshToken;
      if (typeof token !== "string" || oidc.refreshTokens.get(token) !== client.clientId) {
        return answer("InvalidGrantException", invalidGrant(c));
      }
      oidc.refreshTokens.delete(token); // rotated, as IAM Identity Center does
      return answer("ok", c.json(issueTokens(client.clientId, true)));
    }
    const device = typeof body?.deviceCode === "string"
      ? oidc.deviceAuthorizations.get(body.deviceCode)
      : undefined;
    if (device === undefined || device.clientId !== client.clientId || device.redeemed) {
      return answer("InvalidGrantException", invalidGrant(c));
    }
    const poll = ++device.polls;
    if (state.now().getTime() >= device.expiresAt) {
      return answer(
        "ExpiredTokenException",
        oidcError(c, 400, "ExpiredTokenException", "expired_token", "Device code has expired"),
      );
    }
    if (oidc.slowDownPolls.has(poll)) {
      return answer(
        "SlowDownException",
        oidcError(c, 400, "SlowDownException", "slow_down", "Client is polling too quickly"),
      );
    }
    if (oidc.deny) {
      return answer(
        "AccessDeniedException",
        oidcError(c, 400, "AccessDeniedException", "access_denied", "Authorization was denied"),
      );
    }
    if (poll < oidc.approveAfterPolls) {
      return answer(
        "AuthorizationPendingException",
        oidcError(
          c,
          400,
          "AuthorizationPendingException",
          "authorization_pending",
          "Authorization is still pending",
        ),
      );
    }
    device.redeemed = true;
    const refreshable = client.scopes.length > 0 && client.grantTypes.includes("refresh_token");
    return answer("ok", c.json(issueTokens(client.clientId, refreshable)));
  });

  routes.all("*", (c) => oidcError(c, 404, "ResourceNotFoundException", "not_found", "Not Found"));
  return routes;

  function authenticate(body: Record<string, unknown> | undefined) {
    const client = typeof body?.clientId === "string" ? oidc.clients.get(body.clientId) : undefined;
    if (client === undefined || body?.clientSecret !== client.clientSecret) return undefined;
    if (client.clientSecretExpiresAt * 1000 <= state.now().getTime()) return undefined;
    return client;
  }

  function issueTokens(clientId: string, refreshable: boolean) {
    const accessToken = "aoaAAAAAG" + randomSecretChars(200);
    state.sso.accessTokens.add(accessToken);
    return {
      accessToken,
      tokenType: "Bearer",
      expiresIn: oidc.accessTokenExpiresInSeconds,
      ...(refreshable ? { refreshToken: oidc.issueRefreshToken(clientId) } : {}),
    };
  }
}

async function jsonBody(c: Context<EmulatorEnv>): Promise<Record<string, unknown> | undefined> {
  if (!(c.req.header("content-type") ?? "").startsWith("application/json")) return undefined;
  try {
    const value: unknown = await c.req.json();
    return typeof value === "object" && value !== null
      ? value as Record<string, unknown>
      : undefined;
  } catch {
    return undefined;
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

function invalidClient(c: Context<EmulatorEnv>): Response {
  return oidcError(c, 401, "InvalidClientException", "invalid_client", "Invalid client");
}

function invalidGrant(c: Context<EmulatorEnv>): Response {
  return oidcError(c, 400, "InvalidGrantException", "invalid_grant", "Invalid grant provided");
}

/** An OAuth error as the OIDC service sends it: `error` / `error_description`, typed header. */
function oidcError(
  c: Context<EmulatorEnv>,
  status: 400 | 401 | 404,
  type: string,
  error: string,
  description: string,
): Response {
  return c.json({ error, error_description: description }, status, { "x-amzn-ErrorType": type });
}

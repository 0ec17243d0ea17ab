/**
 * The tokens the fake org issues, shaped like the ones okta-aws-cli's recorded fixtures show
 * (RS256 JWTs with `ver`, `jti`, `iss`, `aud`, `sub`, `iat`, `exp`, `cid`, `uid`, `scp`;
 * ID tokens with `aud` = client id), signed with the org's key so that a verifier (the
 * emulator's `AssumeRoleWithWebIdentity`) can check them against its public JWK.
 *
 * @module
 */
import type { FakeOieUser, FakeOktaOieState } from "./state.ts";
import { randomToken } from "./state.ts";

/** Okta's access tokens live an hour. */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** The issuer of `server`'s tokens: the org for the org authorization server. */
export function issuerOf(origin: string, server: string): string {
  return server === "org" ? origin : `${origin}/oauth2/${server}`;
}

/** The audience of `server`'s access tokens (`api://default` for `default`, as Okta). */
export function audienceOf(origin: string, server: string): string {
  return server === "org" ? origin : `api://${server}`;
}

/** Issues the `/token` answer for `user` (or a service client): access token, ID token. */
export async function tokenAnswer(
  state: FakeOktaOieState,
  origin: string,
  grant: { user?: FakeOieUser; clientId: string; scopes: readonly string[]; server: string },
): Promise<Record<string, unknown>> {
  const now = Math.floor(Date.now() / 1000);
  const lifetime = state.init.tokenLifetimeSeconds ?? TOKEN_LIFETIME_SECONDS;
  const exp = now + lifetime;
  const iss = issuerOf(origin, grant.server);
  const accessToken = await signed(state, {
    ver: 1,
    jti: `AT.${randomToken(16)}`,
    iss,
    aud: audienceOf(origin, grant.server),
    sub: grant.user?.init.login ?? grant.clientId,
    iat: now,
    exp,
    cid: grant.clientId,
    ...(grant.user === undefined ? {} : { uid: grant.user.id }),
    scp: grant.scopes,
  });
  state.accessTokens.set(accessToken, { ...grant, expiresAt: exp * 1000 });
  const answer: Record<string, unknown> = {
    token_type: "Bearer",
    expires_in: lifetime,
    access_token: accessToken,
    scope: grant.scopes.join(" "),
  };
  if (grant.user !== undefined && grant.scopes.includes("openid")) {
    const idToken = await signed(state, {
      sub: grant.user.id,
      ver: 1,
      iss,
      aud: grant.clientId,
      iat: now,
      exp,
      jti: `ID.${randomToken(16)}`,
      amr: ["pwd"],
      auth_time: now,
    });
    state.idTokens.set(idToken, { user: grant.user, clientId: grant.clientId });
    answer.id_token = idToken;
  }
  return answer;
}

async function signed(state: FakeOktaOieState, claims: Record<string, unknown>): Promise<string> {
  const part = (value: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(value)));
  const input = `${part({ kid: state.signing.kid, alg: "RS256" })}.${part(claims)}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    state.signing.keyPair.privateKey,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_")
    .replace(/=+$/, "");
}

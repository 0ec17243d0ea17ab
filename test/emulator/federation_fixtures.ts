/**
 * Unsigned web-identity tokens the emulator's STS accepts, for tests of
 * `AssumeRoleWithWebIdentity` clients. (Signed SAML responses for `AssumeRoleWithSAML`
 * come from `test/idp/saml_issuer.ts`.)
 *
 * @example
 * ```ts
 * state.addOidcProvider({ issuer: "https://issuer.example", audience: "my-app" });
 * const token = unsignedJwt({ iss: "https://issuer.example", aud: "my-app", sub: "user-1" });
 * ```
 *
 * @module
 */
import type { EmulatorState } from "./state.ts";

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/** A JWT with header `{"alg":"none"}`, payload `claims` and a placeholder signature. */
export function unsignedJwt(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${
    base64url(JSON.stringify(claims))
  }.c2lnbmF0dXJl`;
}

/**
 * Makes the emulator's STS trust `issuer` for its default audience, `sts.amazonaws.com`, and
 * returns a token the issuer gave `sub`, valid for ten minutes.
 */
export function trustedWebIdentityToken(
  state: EmulatorState,
  { issuer, sub }: { issuer: string; sub: string },
): string {
  state.addOidcProvider({ issuer, audience: "sts.amazonaws.com" });
  return unsignedJwt({
    iss: issuer,
    aud: "sts.amazonaws.com",
    sub,
    exp: Math.floor(Date.now() / 1000) + 600,
  });
}

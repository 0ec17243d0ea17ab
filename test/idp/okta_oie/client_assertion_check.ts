/**
 * The fake org's check of a `private_key_jwt` client assertion (RFC 7523 §3; Okta's "Build
 * a JWT for client authentication" rules and its `client_assertion_*` error codes), written
 * on `node:crypto` — a JWT verifier independent of the WebCrypto code that signs the
 * assertion: the signature against the client's registered public JWKs (by `kid`), RS256 or
 * ES256 (`ieee-p1363` signatures, as JWS has them), then `iss` = `sub` = the client id, `aud`
 * = the token endpoint called, `exp` present, not past and at most an hour ahead, `iat` not in
 * the future, and a `jti` never seen before.
 *
 * @module
 */
import { createPublicKey, verify } from "node:crypto";
import { Buffer } from "node:buffer";
import type { FakeOAuthErrorName } from "./okta_errors.ts";
import type { FakeOieClientInit, FakeOktaOieState } from "./state.ts";

/** The client the assertion authenticates, or the error Okta would answer. */
export type AssertionCheck =
  | { readonly client: FakeOieClientInit }
  | { readonly error: FakeOAuthErrorName };

/** Checks `assertion` for a request to `tokenUrl` at `now` (seconds since the epoch). */
export function checkClientAssertion(
  state: FakeOktaOieState,
  assertion: string,
  tokenUrl: string,
  now: number,
): AssertionCheck {
  const parts = assertion.split(".");
  const header = parts.length === 3 ? jsonPart(parts[0]) : undefined;
  const claims = parts.length === 3 ? jsonPart(parts[1]) : undefined;
  if (header === undefined || claims === undefined) {
    return { error: "client_assertion_invalid_jwt" };
  }
  const client = typeof claims.iss === "string" ? state.clients.get(claims.iss) : undefined;
  if (client === undefined) return { error: "client_assertion_invalid_issuer" };
  if (header.alg !== "RS256" && header.alg !== "ES256") {
    return { error: "client_assertion_invalid_signature_algorithm" };
  }
  const jwk = (client.publicKeys ?? []).find((key) => key.kid === header.kid);
  if (jwk === undefined) return { error: "client_assertion_invalid_kid" };
  const { kid: _kid, ...material } = jwk;
  const publicKey = createPublicKey({ key: material as Record<string, string>, format: "jwk" });
  const expectedType = header.alg === "RS256" ? "rsa" : "ec";
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], "base64url");
  const valid = publicKey.asymmetricKeyType === expectedType && verify(
    "sha256",
    signed,
    header.alg === "ES256" ? { key: publicKey, dsaEncoding: "ieee-p1363" } : publicKey,
    signature,
  );
  if (!valid) return { error: "client_assertion_invalid_signature" };
  if (claims.sub !== client.id) return { error: "client_assertion_invalid_subject" };
  if (claims.aud !== tokenUrl) return { error: "client_assertion_invalid_audience" };
  if (typeof claims.exp !== "number") return { error: "client_assertion_expiration_required" };
  if (claims.exp <= now) return { error: "client_assertion_expired_token" };
  if (claims.exp > now + 3600) return { error: "client_assertion_expires_too_far_in_future" };
  if (typeof claims.iat === "number" && claims.iat > now + 60) {
    return { error: "client_assertion_issued_at_in_future" };
  }
  if (typeof claims.jti !== "string" || state.assertionJtis.has(claims.jti)) {
    return { error: "client_assertion_already_used" };
  }
  state.assertionJtis.add(claims.jti);
  return { client };
}

function jsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

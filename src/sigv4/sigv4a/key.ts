import { keyedHmacSha256, utf8 } from "../../_shared/hash/sha256.ts";
import { CredentialsError } from "../errors.ts";
import { ecdsaInUse, type SigV4aSigningKey } from "./_ecdsa.ts";

// SigV4a's key pair is derived from the secret key alone, as AWS specifies it (aws-c-auth's
// key_derivation.c, the reference): NIST SP 800-108 HMAC-SHA256 in counter mode, keyed
// with "AWS4A" + secret, over
//   0x00000001 || "AWS4-ECDSA-P256-SHA256" || 0x00 || access key id || counter || 0x00000100.
// A candidate above n - 2 (n the P-256 group order) is discarded and the counter
// incremented; otherwise the private scalar is candidate + 1, so it lies in [1, n - 1].
//
// Deliberate difference: @smithy/signature-v4a appends each new counter's input to the
// previous one instead of starting afresh as aws-c-auth does; the two agree whenever the
// first candidate is accepted (all but about 2^-32 of secrets), and iamfetch follows AWS.
const LABEL = "AWS4-ECDSA-P256-SHA256";
const MAX_COUNTER = 254;
// deno-fmt-ignore
const N_MINUS_2 = /* @__PURE__ */ Uint8Array.of(
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x4f,
);

/**
 * The private scalar a KDF candidate yields (candidate + 1, big-endian), or `undefined`
 * when the candidate exceeds n - 2 and the next counter must be tried.
 */
export function privateScalarFromCandidate(candidate: Uint8Array): Uint8Array | undefined {
  for (let i = 0; i < 32; i++) {
    if (candidate[i] > N_MINUS_2[i]) return undefined;
    if (candidate[i] < N_MINUS_2[i]) break;
  }
  const scalar = candidate.slice(0, 32);
  for (let i = 31; i >= 0; i--) {
    scalar[i] = (scalar[i] + 1) & 0xff;
    if (scalar[i] !== 0) break;
  }
  return scalar;
}

/** Derives the 32-byte SigV4a private scalar of a key pair (uncached). */
export function deriveSigV4aPrivateKey(accessKeyId: string, secretAccessKey: string): Uint8Array {
  const hmac = keyedHmacSha256(utf8("AWS4A" + secretAccessKey));
  const id = utf8(accessKeyId);
  const input = new Uint8Array(4 + LABEL.length + 1 + id.length + 1 + 4);
  input.set([0, 0, 0, 1]);
  input.set(utf8(LABEL), 4);
  input.set(id, 4 + LABEL.length + 1);
  const counterAt = input.length - 5;
  input.set([0, 0, 1, 0], input.length - 4);
  for (let counter = 1; counter <= MAX_COUNTER; counter++) {
    input[counterAt] = counter;
    const scalar = privateScalarFromCandidate(hmac.bytes(input));
    if (scalar !== undefined) return scalar;
  }
  // Unreachable in practice: every one of 254 candidates would have to exceed n - 2.
  throw new CredentialsError(
    `SigV4a key derivation found no valid private key for access key ${accessKeyId}; use other credentials.`,
  );
}

// PKCS #8 PrivateKeyInfo of a P-256 ECPrivateKey without its optional public key, up to the
// 32 bytes of the scalar. WebCrypto computes the public point itself on import (natively,
// in every runtime), which a JWK import would need spelled out as x and y.
// deno-fmt-ignore
const PKCS8_P256_PREFIX = /* @__PURE__ */ Uint8Array.of(
  0x30, 0x41, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
  0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x27, 0x30, 0x25, 0x02, 0x01,
  0x01, 0x04, 0x20,
);
const P256: EcKeyImportParams = { name: "ECDSA", namedCurve: "P-256" };

function importPrivateKey(scalar: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  const pkcs8 = new Uint8Array(PKCS8_P256_PREFIX.length + 32);
  pkcs8.set(PKCS8_P256_PREFIX);
  pkcs8.set(scalar, PKCS8_P256_PREFIX.length);
  return crypto.subtle.importKey("pkcs8", pkcs8, P256, extractable, ["sign"]);
}

/** The public key of the SigV4a key pair as a JWK (`kty`, `crv`, `x`, `y`; no private part). */
export async function sigV4aPublicJwk(
  accessKeyId: string,
  secretAccessKey: string,
): Promise<JsonWebKey> {
  const scalar = deriveSigV4aPrivateKey(accessKeyId, secretAccessKey);
  const jwk = await crypto.subtle.exportKey("jwk", await importPrivateKey(scalar, true));
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
}

// A client signs with one key pair for as long as its credentials last, and a server
// verifies a handful of callers: derive once per (access key id, secret) and keep the
// imported key, bounded like the SigV4 signing-key cache (the oldest entry goes first).
const MAX_CACHED_KEYS = 50;

class KeyCache<Key> {
  readonly #keys = new Map<string, Promise<Key>>();
  readonly #create: (accessKeyId: string, secretAccessKey: string) => Promise<Key>;

  constructor(create: (accessKeyId: string, secretAccessKey: string) => Promise<Key>) {
    this.#create = create;
  }

  get(accessKeyId: string, secretAccessKey: string): Promise<Key> {
    const cacheKey = accessKeyId + "\n" + secretAccessKey;
    let key = this.#keys.get(cacheKey);
    if (key === undefined) {
      key = this.#create(accessKeyId, secretAccessKey);
      if (this.#keys.size >= MAX_CACHED_KEYS) {
        this.#keys.delete(this.#keys.keys().next().value as string);
      }
      this.#keys.set(cacheKey, key);
      // A failed import is not remembered: the next call tries again.
      key.catch(() => this.#keys.delete(cacheKey));
    }
    return key;
  }

  get size(): number {
    return this.#keys.size;
  }
}

// `@__PURE__`: bundlers drop these caches from bundles that never sign with SigV4a.
const signingKeys = /* @__PURE__ */ new KeyCache<SigV4aSigningKey>(
  async (accessKeyId, secretAccessKey) => {
    const scalar = deriveSigV4aPrivateKey(accessKeyId, secretAccessKey);
    return ecdsaInUse() === "noble" ? scalar : await importPrivateKey(scalar, false);
  },
);
const verifyingKeys = /* @__PURE__ */ new KeyCache<CryptoKey>(async (
  accessKeyId,
  secretAccessKey,
) =>
  crypto.subtle.importKey(
    "jwk",
    await sigV4aPublicJwk(accessKeyId, secretAccessKey),
    P256,
    false,
    ["verify"],
  )
);

/**
 * The ECDSA P-256 signing key of (access key id, secret) for the runtime's implementation (a
 * non-extractable WebCrypto key, or the scalar for @noble/curves), from a bounded cache.
 */
export function sigV4aSigningKey(
  accessKeyId: string,
  secretAccessKey: string,
): Promise<SigV4aSigningKey> {
  return signingKeys.get(accessKeyId, secretAccessKey);
}

/** The ECDSA P-256 public key that verifies signatures of (access key id, secret), cached. */
export function sigV4aVerifyingKey(
  accessKeyId: string,
  secretAccessKey: string,
): Promise<CryptoKey> {
  return verifyingKeys.get(accessKeyId, secretAccessKey);
}

/** Number of cached signing keys; exposed for tests of the bound. */
export function cachedSigV4aKeyCount(): number {
  return signingKeys.size;
}

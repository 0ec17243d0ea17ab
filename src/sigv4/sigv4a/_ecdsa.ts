import { sha256, utf8 } from "../../_shared/hash/sha256.ts";

// Which ECDSA P-256 implementation signs SigV4a, chosen per runtime by measurement (the
// README's benchmark table, `deno task bench:targets --only sigv4a`): WebCrypto where the
// runtime's native code is fast (Node and workerd on OpenSSL/BoringSSL, Bun, browsers),
// the pure-JS @noble/curves, with its precomputed base-point tables, in Deno, whose
// WebCrypto ECDSA sign takes about 2.7 times as long. The key pair is derived in JS
// either way (sigv4a_key.ts).

/** An ECDSA P-256 implementation SigV4a can sign with. */
export type SigV4aEcdsa = "webcrypto" | "noble";

/**
 * The implementation new signing keys are made for, chosen on first use; settable for the
 * tests of both.
 */
export const sigV4aEcdsa: { use?: SigV4aEcdsa } = {};

/** The implementation new signing keys are made for in this runtime. */
export function ecdsaInUse(): SigV4aEcdsa {
  return sigV4aEcdsa.use ??= typeof navigator !== "undefined" &&
      navigator.userAgent?.startsWith("Deno/")
    ? "noble"
    : "webcrypto";
}

/** A signing key: a WebCrypto key, or the private scalar @noble/curves signs with. */
export type SigV4aSigningKey = CryptoKey | Uint8Array;

// Loaded on first use, so that runtimes signing with WebCrypto never load it. Its base-point
// table is built with 8-bit windows (as @smithy/signature-v4a's copy does) instead of the
// default 6: about 10% faster signatures for a one-time ~0.1 s.
let noble: Promise<typeof import("@noble/curves/nist.js")["p256"]> | undefined;
async function loadNoble(): Promise<typeof import("@noble/curves/nist.js")["p256"]> {
  const { p256 } = await import("@noble/curves/nist.js");
  p256.Point.BASE.precompute(8, false);
  return p256;
}

// ECDSA with SHA-256 hashes the string to sign itself, exactly what SigV4a specifies.
const ECDSA_SHA256: EcdsaParams = { name: "ECDSA", hash: "SHA-256" };

/** Signs `stringToSign` with ECDSA P-256/SHA-256 under `key`: the raw 64-byte r || s. */
export async function ecdsaSign(key: SigV4aSigningKey, stringToSign: string): Promise<Uint8Array> {
  const message = utf8(stringToSign);
  if (!(key instanceof Uint8Array)) {
    return new Uint8Array(
      await crypto.subtle.sign(ECDSA_SHA256, key, message as Uint8Array<ArrayBuffer>),
    );
  }
  const p256 = await (noble ??= loadNoble());
  // RFC 6979 deterministic nonces; low-S, which every ECDSA verifier accepts.
  return p256.sign(sha256(message), key, { prehash: false });
}

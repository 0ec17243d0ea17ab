/**
 * Private keys for signing JWTs with WebCrypto, RS256 or ES256 (P-256), read from the forms
 * people hold them in: a PEM block (PKCS #8 `PRIVATE KEY`, PKCS #1 `RSA PRIVATE KEY`, SEC1
 * `EC PRIVATE KEY`) or a private JWK (as Okta's Admin Console generates one). RS256 signing
 * for Google service accounts stays in `jwt_rs256.ts`; this adds ES256 and the other forms.
 *
 * @module
 */
import { base64Decode, base64Url } from "../_shared/bytes/base64.ts";

/** A private key ready to sign JWTs: its JWS algorithm and, from a JWK, its `kid`. */
export interface JwtSigningKey {
  /** `RS256` for an RSA key, `ES256` for a P-256 key. */
  readonly alg: "RS256" | "ES256";
  /** The WebCrypto key, not extractable, usable only to sign. */
  readonly key: CryptoKey;
  /** The JWK's `kid`, when the key came as a JWK that has one. */
  readonly kid?: string;
}

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const EC = { name: "ECDSA", namedCurve: "P-256" } as const;
// DER of the PKCS #8 wrapper parts (RFC 5208): version 0, and the algorithm identifiers
// rsaEncryption (1.2.840.113549.1.1.1, NULL) and ecPublicKey with prime256v1.
const VERSION_0 = [0x02, 0x01, 0x00];
const RSA_ALGORITHM = [
  0x30,
  0x0d,
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x01,
  0x01,
  0x05,
  0x00,
];
const P256_ALGORITHM = [
  0x30,
  0x13,
  0x06,
  0x07,
  0x2a,
  0x86,
  0x48,
  0xce,
  0x3d,
  0x02,
  0x01,
  0x06,
  0x08,
  0x2a,
  0x86,
  0x48,
  0xce,
  0x3d,
  0x03,
  0x01,
  0x07,
];
const PEM = /-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\s\\n]*)-----END \1-----/;
const FORMATS = "a PEM private key (PKCS #8 PRIVATE KEY, PKCS #1 RSA PRIVATE KEY or SEC1 " +
  "EC PRIVATE KEY) or a private JWK (RSA, or EC on P-256)";

/**
 * Imports a private key for JWT signing. `key` is a PEM text (literal `\n` sequences, as in
 * an environment variable, are accepted), a JWK's JSON text, or a JWK object. Throws a
 * `TypeError` naming the forms accepted — never quoting the key — when it is none of them,
 * is encrypted, or is not RSA or P-256.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { importJwtSigningKey } from "./jwt_signing_key.ts";
 *
 * const pair = await crypto.subtle.generateKey(
 *   { name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"],
 * );
 * const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
 * const signing = await importJwtSigningKey({ ...jwk, kid: "key-1" });
 * assertEquals([signing.alg, signing.kid], ["ES256", "key-1"]);
 * ```
 */
export async function importJwtSigningKey(
  key: string | (JsonWebKey & { readonly kid?: string }),
): Promise<JwtSigningKey> {
  if (typeof key === "object" && key !== null) return await fromJwk(key);
  const text = typeof key === "string" ? key.trim() : "";
  if (text.startsWith("{")) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(text);
    } catch {
      throw new TypeError(`The private key is not valid JSON; expected ${FORMATS}.`);
    }
    return await fromJwk(jwk as JsonWebKey);
  }
  const pem = text.match(PEM);
  const der = pem === null ? undefined : base64Decode(pem[2].replace(/\\n|\s/g, ""));
  if (pem === null || der === undefined || der.length === 0) {
    throw new TypeError(`The private key is not readable; expected ${FORMATS}.`);
  }
  switch (pem[1]) {
    case "PRIVATE KEY":
      return await fromPkcs8(der);
    case "RSA PRIVATE KEY":
      return await importAs("RS256", pkcs8(RSA_ALGORITHM, der));
    case "EC PRIVATE KEY":
      return await importAs("ES256", pkcs8(P256_ALGORITHM, der));
    case "ENCRYPTED PRIVATE KEY":
      throw new TypeError(
        "The private key is encrypted; decrypt it first (`openssl pkcs8 -topk8 -nocrypt`).",
      );
    default:
      throw new TypeError(`The PEM block is a ${pem[1]}, not a private key; expected ${FORMATS}.`);
  }
}

/**
 * `claims` as a signed JWT (compact JWS): header `{ alg, typ: "JWT", ...header }`, signed
 * with `signing` (RSASSA-PKCS1-v1_5 or ECDSA P-256 with SHA-256; WebCrypto's ECDSA signature
 * is already the `r || s` form JWS wants, RFC 7518 §3.4).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { importJwtSigningKey, signJwt } from "./jwt_signing_key.ts";
 *
 * const pair = await crypto.subtle.generateKey(
 *   { name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"],
 * );
 * const signing = await importJwtSigningKey(await crypto.subtle.exportKey("jwk", pair.privateKey));
 * const jwt = await signJwt({ sub: "machine" }, signing, { kid: "k1" });
 * assertEquals(JSON.parse(atob(jwt.split(".")[0])), { alg: "ES256", typ: "JWT", kid: "k1" });
 * ```
 */
export async function signJwt(
  claims: Record<string, unknown>,
  signing: JwtSigningKey,
  header: Record<string, unknown> = {},
): Promise<string> {
  const input = `${base64Url(JSON.stringify({ alg: signing.alg, typ: "JWT", ...header }))}.${
    base64Url(JSON.stringify(claims))
  }`;
  const algorithm = signing.alg === "RS256" ? RSA : { name: "ECDSA", hash: "SHA-256" };
  const signature = await crypto.subtle.sign(
    algorithm,
    signing.key,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

async function fromJwk(jwk: JsonWebKey): Promise<JwtSigningKey> {
  const kid = typeof (jwk as { kid?: unknown }).kid === "string"
    ? (jwk as { kid: string }).kid
    : undefined;
  // Only the key material: `alg`, `use`, `key_ops` or `ext` of a downloaded JWK would make
  // WebCrypto refuse it for a usage or algorithm spelled differently.
  const { kty, n, e, d, p, q, dp, dq, qi, crv, x, y } = jwk;
  if (typeof d !== "string") {
    throw new TypeError(`The JWK has no private part ("d"); expected ${FORMATS}.`);
  }
  const alg = kty === "RSA" ? "RS256" : kty === "EC" && crv === "P-256" ? "ES256" : undefined;
  if (alg === undefined) {
    throw new TypeError(
      `The JWK is ${kty ?? "of no kty"}${crv ? ` ${crv}` : ""}; ` +
        `expected ${FORMATS}.`,
    );
  }
  const material = alg === "RS256" ? { kty, n, e, d, p, q, dp, dq, qi } : { kty, crv, x, y, d };
  try {
    const key = await crypto.subtle.importKey(
      "jwk",
      material,
      alg === "RS256" ? RSA : EC,
      false,
      ["sign"],
    );
    return { alg, key, ...(kid === undefined ? {} : { kid }) };
  } catch (cause) {
    throw new TypeError(`The ${alg === "RS256" ? "RSA" : "P-256"} JWK could not be imported.`, {
      cause,
    });
  }
}

async function fromPkcs8(der: Uint8Array): Promise<JwtSigningKey> {
  try {
    return await importAs("RS256", der);
  } catch {
    return await importAs("ES256", der);
  }
}

async function importAs(alg: "RS256" | "ES256", der: Uint8Array): Promise<JwtSigningKey> {
  try {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      der as Uint8Array<ArrayBuffer>,
      alg === "RS256" ? RSA : EC,
      false,
      ["sign"],
    );
    return { alg, key };
  } catch (cause) {
    throw new TypeError(`The private key could not be imported; expected ${FORMATS}.`, { cause });
  }
}

/** A PKCS #1 or SEC1 key wrapped as PKCS #8 `PrivateKeyInfo`, which WebCrypto imports. */
function pkcs8(algorithm: readonly number[], key: Uint8Array): Uint8Array {
  return der(0x30, [...VERSION_0, ...algorithm, ...der(0x04, key)]);
}

/** One DER element: tag, definite length (short or long form), contents. */
function der(tag: number, contents: ArrayLike<number>): Uint8Array {
  const length = contents.length;
  const lengthBytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) lengthBytes.unshift(rest % 256);
  const header = length < 0x80 ? [tag, length] : [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  const out = new Uint8Array(header.length + length);
  out.set(header);
  out.set(Array.from(contents), header.length);
  return out;
}

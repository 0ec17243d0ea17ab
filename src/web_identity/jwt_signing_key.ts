/**
 * Private keys for signing JWTs with WebCrypto, RS256 or ES256 (P-256), read from the forms
 * people hold them in: a PEM block (PKCS #8 `PRIVATE KEY`, PKCS #1 `RSA PRIVATE KEY`, SEC1
 * `EC PRIVATE KEY`) or a private JWK (as Okta's Admin Console generates one). PEM keys are
 * read as every signer here reads them (`_shared/asn1/private_key.ts`).
 *
 * @module
 */
import { base64Url } from "../_shared/bytes/base64.ts";
import {
  importPrivateKey,
  type PrivateKeyProblem,
  readPemPrivateKey,
} from "../_shared/asn1/private_key.ts";

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
  // An environment variable may hold the PEM with literal `\n` sequences for its line breaks.
  const pem = readPemPrivateKey(text.replaceAll("\\n", "\n"));
  if ("problem" in pem) throw pemKeyError(pem);
  const alg = pem.kind === "RSA" ? "RS256" : "ES256";
  try {
    return { alg, key: await importPrivateKey(pem, "SHA-256") };
  } catch (cause) {
    throw new TypeError(`The private key could not be imported; expected ${FORMATS}.`, { cause });
  }
}

/** The `TypeError` of a PEM text that holds no RSA or P-256 private key. */
function pemKeyError(refused: PrivateKeyProblem): TypeError {
  switch (refused.problem) {
    case "no-key":
    case "other-format": {
      const label = refused.problem === "no-key" ? refused.otherLabel : refused.label;
      return new TypeError(
        label === undefined
          ? `The private key is not readable; expected ${FORMATS}.`
          : `The PEM block is a ${label}, not a private key; expected ${FORMATS}.`,
      );
    }
    case "encrypted":
      return new TypeError(
        "The private key is encrypted; decrypt it first (`openssl pkcs8 -topk8 -nocrypt`).",
      );
    case "not-base64":
      return new TypeError(`The private key is not readable; expected ${FORMATS}.`);
    default:
      return new TypeError(`The private key could not be imported; expected ${FORMATS}.`);
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

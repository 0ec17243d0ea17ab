import {
  importPrivateKey,
  type PrivateKeyProblem,
  readPemPrivateKey,
} from "../../_shared/asn1/private_key.ts";
import { CloudFrontSignerError } from "./errors.ts";

/** The key a CloudFront policy is signed with, and how. */
export interface SigningKey {
  readonly key: CryptoKey;
  readonly kind: "RSA" | "ECDSA";
}

/** The hash of the signature: CloudFront's `Hash-Algorithm`, SHA1 unless SHA256 is asked for. */
export type HashName = "SHA-1" | "SHA-256";

const WRONG_KIND = "CloudFront verifies RSA 2048 and ECDSA P-256 signatures only";

function malformed(what: string): CloudFrontSignerError {
  return new CloudFrontSignerError(`privateKey is not a well-formed ${what}.`);
}

// What a malformed key of each PEM label is called.
const FORMAT_NAMES: Record<string, string> = {
  "RSA PRIVATE KEY": "PKCS#1 RSA private key",
  "EC PRIVATE KEY": "EC private key",
  "PRIVATE KEY": "PKCS#8 private key",
};

/** The {@linkcode CloudFrontSignerError} of a PEM text that holds no key to sign with. */
function keyError(refused: PrivateKeyProblem): CloudFrontSignerError {
  switch (refused.problem) {
    case "no-key":
      return new CloudFrontSignerError(
        refused.otherLabel === undefined
          ? "privateKey is not a PEM private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)."
          : `privateKey holds a ${refused.otherLabel}, not the private key that signs.`,
      );
    case "encrypted":
      return new CloudFrontSignerError(
        "privateKey is encrypted: WebCrypto cannot decrypt PEM keys; decrypt it (openssl pkcs8 -topk8 -nocrypt) and keep it secret.",
      );
    case "other-format":
      return new CloudFrontSignerError(
        refused.label === "OPENSSH PRIVATE KEY"
          ? "privateKey is in OpenSSH's format; write it as PEM (ssh-keygen -p -m PEM -f <file>)."
          : `privateKey is a ${refused.label}: ${WRONG_KIND}.`,
      );
    case "not-base64":
      return new CloudFrontSignerError("privateKey's PEM body is not base64.");
    case "malformed":
      return malformed(FORMAT_NAMES[refused.label]);
    case "unnamed-curve":
    case "other-curve":
      return new CloudFrontSignerError(
        `privateKey is an EC key on another curve than P-256: ${WRONG_KIND}.`,
      );
    case "other-algorithm":
      return new CloudFrontSignerError(
        `privateKey is ${refused.keyType ?? "not an RSA or EC key"}: ${WRONG_KIND}.`,
      );
  }
}

async function importPem(pem: string, hash: HashName): Promise<SigningKey> {
  const key = readPemPrivateKey(pem);
  if ("problem" in key) throw keyError(key);
  const kind = key.kind === "RSA" ? "RSA" : "ECDSA";
  try {
    return { key: await importPrivateKey(key, hash), kind };
  } catch {
    // WebCrypto's reason is not shown: it could quote the key.
    throw malformed(kind === "RSA" ? "RSA private key" : "EC P-256 private key");
  }
}

function checkCryptoKey(key: CryptoKey, hash: HashName): SigningKey {
  const algorithm = key.algorithm as { name: string; hash?: { name: string }; namedCurve?: string };
  if (key.type !== "private" || !key.usages.includes("sign")) {
    throw new CloudFrontSignerError("privateKey must be a private CryptoKey usable to sign.");
  }
  if (algorithm.name === "RSASSA-PKCS1-v1_5") {
    if (algorithm.hash?.name !== hash) {
      throw new CloudFrontSignerError(
        `privateKey was imported for ${algorithm.hash?.name}; this signature needs ${hash}.`,
      );
    }
    return { key, kind: "RSA" };
  }
  if (algorithm.name === "ECDSA" && algorithm.namedCurve === "P-256") return { key, kind: "ECDSA" };
  throw new CloudFrontSignerError(`privateKey is an ${algorithm.name} CryptoKey: ${WRONG_KIND}.`);
}

// Importing a PEM key costs more than signing with it: the last few are kept, by text.
const MAX_CACHED = 4;
const cache = new Map<string, Promise<SigningKey>>();

/**
 * The WebCrypto key `privateKey` stands for: a PEM text (PKCS#1 `RSA PRIVATE KEY`, SEC 1 `EC
 * PRIVATE KEY`, PKCS#8 `PRIVATE KEY`, as a string or UTF-8 bytes) or a `CryptoKey`.
 * Throws {@linkcode CloudFrontSignerError}, whose message never quotes the key.
 */
export function signingKeyOf(privateKey: unknown, hash: HashName): Promise<SigningKey> {
  if (typeof CryptoKey !== "undefined" && privateKey instanceof CryptoKey) {
    return Promise.resolve(checkCryptoKey(privateKey, hash));
  }
  const pem = typeof privateKey === "string"
    ? privateKey
    : privateKey instanceof Uint8Array
    ? new TextDecoder().decode(privateKey)
    : undefined;
  if (pem === undefined) {
    return Promise.reject(
      new CloudFrontSignerError("privateKey must be PEM text, its bytes, or a CryptoKey."),
    );
  }
  const cacheKey = hash + "\n" + pem;
  let imported = cache.get(cacheKey);
  if (imported === undefined) {
    imported = importPem(pem, hash);
    imported.catch(() => cache.delete(cacheKey));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, imported);
  }
  return imported;
}

import { childrenOf, contentOf, type Element, element, readElement } from "./_der.ts";
import { pemBlocks } from "./_pem.ts";
import { CloudFrontSignerError } from "./errors.ts";

/** The key a CloudFront policy is signed with, and how. */
export interface SigningKey {
  readonly key: CryptoKey;
  readonly kind: "RSA" | "ECDSA";
}

/** The hash of the signature: CloudFront's `Hash-Algorithm`, SHA1 unless SHA256 is asked for. */
export type HashName = "SHA-1" | "SHA-256";

// OIDs as DER content bytes.
const RSA_ENCRYPTION = "2a864886f70d010101";
const EC_PUBLIC_KEY = "2a8648ce3d0201";
const P256 = "2a8648ce3d030107";
const OTHER_KEY_KINDS: Record<string, string> = {
  "2a864886f70d01010a": "an RSA-PSS key",
  "2a8648ce380401": "a DSA key",
  "2b6570": "an Ed25519 key",
  "2b6571": "an Ed448 key",
  "2b656e": "an X25519 key",
};
const RSA_ALGORITHM_IDENTIFIER = element(
  0x30,
  element(0x06, hexBytes(RSA_ENCRYPTION)),
  element(0x05),
);
const EC_P256_ALGORITHM_IDENTIFIER = element(
  0x30,
  element(0x06, hexBytes(EC_PUBLIC_KEY)),
  element(0x06, hexBytes(P256)),
);
const VERSION_0 = element(0x02, new Uint8Array([0]));

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16));
}

function hexOf(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const WRONG_KIND = "CloudFront verifies RSA 2048 and ECDSA P-256 signatures only";

function malformed(what: string): CloudFrontSignerError {
  return new CloudFrontSignerError(`privateKey is not a well-formed ${what}.`);
}

/** The top-level SEQUENCE of `der` and its elements, or `undefined`. */
function sequence(der: Uint8Array): Element[] | undefined {
  const outer = readElement(der);
  if (outer === undefined || outer.tag !== 0x30 || outer.end !== der.length) return undefined;
  return childrenOf(der, outer);
}

/** A PKCS#8 `PrivateKeyInfo` around `key` with `algorithm`. */
function pkcs8(algorithm: Uint8Array, key: Uint8Array): Uint8Array {
  return element(0x30, VERSION_0, algorithm, element(0x04, key));
}

/** The kind of a PKCS#8 key, from its AlgorithmIdentifier; throws for what CloudFront cannot verify. */
function pkcs8Kind(der: Uint8Array): "RSA" | "ECDSA" {
  const parts = sequence(der);
  const algorithm = parts?.[1]?.tag === 0x30 ? childrenOf(der, parts[1]) : undefined;
  if (parts === undefined || parts[0].tag !== 0x02 || algorithm?.[0]?.tag !== 0x06) {
    throw malformed("PKCS#8 private key");
  }
  const oid = hexOf(contentOf(der, algorithm[0]));
  if (oid === RSA_ENCRYPTION) return "RSA";
  if (oid === EC_PUBLIC_KEY) {
    const curve = algorithm[1]?.tag === 0x06 ? hexOf(contentOf(der, algorithm[1])) : "";
    if (curve !== P256) {
      throw new CloudFrontSignerError(
        `privateKey is an EC key on another curve than P-256: ${WRONG_KIND}.`,
      );
    }
    return "ECDSA";
  }
  throw new CloudFrontSignerError(
    `privateKey is ${OTHER_KEY_KINDS[oid] ?? "not an RSA or EC key"}: ${WRONG_KIND}.`,
  );
}

/** A SEC 1 `ECPrivateKey` (`BEGIN EC PRIVATE KEY`) as PKCS#8; only P-256 is accepted. */
function sec1ToPkcs8(der: Uint8Array): Uint8Array {
  const parts = sequence(der);
  if (parts === undefined || parts[0]?.tag !== 0x02 || parts[1]?.tag !== 0x04) {
    throw malformed("EC private key");
  }
  const parameters = parts.find((part) => part.tag === 0xa0);
  const curve = parameters && readElement(der, parameters.start, parameters.end);
  if (curve === undefined || curve.tag !== 0x06 || hexOf(contentOf(der, curve)) !== P256) {
    throw new CloudFrontSignerError(
      `privateKey is an EC key on another curve than P-256: ${WRONG_KIND}.`,
    );
  }
  return pkcs8(EC_P256_ALGORITHM_IDENTIFIER, der);
}

/** A PKCS#1 `RSAPrivateKey` (`BEGIN RSA PRIVATE KEY`) wrapped into PKCS#8 for WebCrypto. */
function pkcs1ToPkcs8(der: Uint8Array): Uint8Array {
  const parts = sequence(der);
  if (parts === undefined || parts.length < 9 || parts.some((part) => part.tag !== 0x02)) {
    throw malformed("PKCS#1 RSA private key");
  }
  return pkcs8(RSA_ALGORITHM_IDENTIFIER, der);
}

/** The PKCS#8 bytes and kind of the one private key in `pem`; throws for anything else. */
function privateKeyOf(pem: string): { der: Uint8Array; kind: "RSA" | "ECDSA" } {
  const blocks = pemBlocks(pem);
  const block = blocks.find((b) => b.label.endsWith("PRIVATE KEY"));
  if (block === undefined) {
    const other = blocks[0]?.label;
    throw new CloudFrontSignerError(
      other === undefined
        ? "privateKey is not a PEM private key (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)."
        : `privateKey holds a ${other}, not the private key that signs.`,
    );
  }
  if (
    block.label === "ENCRYPTED PRIVATE KEY" || block.headers.some((h) => h.includes("ENCRYPTED"))
  ) {
    throw new CloudFrontSignerError(
      "privateKey is encrypted: WebCrypto cannot decrypt PEM keys; decrypt it (openssl pkcs8 -topk8 -nocrypt) and keep it secret.",
    );
  }
  if (block.label === "OPENSSH PRIVATE KEY") {
    throw new CloudFrontSignerError(
      "privateKey is in OpenSSH's format; write it as PEM (ssh-keygen -p -m PEM -f <file>).",
    );
  }
  if (block.der === undefined) {
    throw new CloudFrontSignerError("privateKey's PEM body is not base64.");
  }
  if (block.label === "RSA PRIVATE KEY") return { der: pkcs1ToPkcs8(block.der), kind: "RSA" };
  if (block.label === "EC PRIVATE KEY") return { der: sec1ToPkcs8(block.der), kind: "ECDSA" };
  if (block.label === "PRIVATE KEY") return { der: block.der, kind: pkcs8Kind(block.der) };
  throw new CloudFrontSignerError(`privateKey is a ${block.label}: ${WRONG_KIND}.`);
}

async function importPem(pem: string, hash: HashName): Promise<SigningKey> {
  const { der, kind } = privateKeyOf(pem);
  const algorithm = kind === "RSA"
    ? { name: "RSASSA-PKCS1-v1_5", hash }
    : { name: "ECDSA", namedCurve: "P-256" };
  try {
    const key = await crypto.subtle.importKey(
      "pkcs8",
      der as Uint8Array<ArrayBuffer>,
      algorithm,
      false,
      ["sign"],
    );
    return { key, kind };
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

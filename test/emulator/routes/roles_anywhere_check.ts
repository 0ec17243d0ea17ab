/**
 * How the emulator's IAM Roles Anywhere checks a `CreateSession` request, written apart
 * from the library's signer (node:crypto's X509Certificate and verify, and its own SigV4
 * canonicalization) so that a bug in the signer cannot be mirrored here: the certificate of
 * `X-Amz-X509`, its serial number in `Credential=`, the signature over the canonical request
 * with the certificate's public key, the date, and a chain to a trust anchor's CA.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import { createHash, verify, X509Certificate } from "node:crypto";

/** A request whose X.509 signature verified. */
export interface VerifiedX509Request {
  /** The end-entity certificate of `X-Amz-X509`. */
  readonly leaf: X509Certificate;
  /** The certificates of `X-Amz-X509-Chain`, in order. */
  readonly chain: readonly X509Certificate[];
  /** The region of the credential scope. */
  readonly region: string;
}

const AUTHORIZATION =
  /^(AWS4-X509-(RSA|ECDSA)-SHA256) Credential=(-?\d+)\/(\d{8})\/([a-z0-9-]+)\/rolesanywhere\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]+)$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const MAX_SKEW_MS = 15 * 60_000;

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** SigV4's canonical query: decoded pairs re-encoded (RFC 3986), sorted by key then value. */
function canonicalQuery(search: string): string {
  const pairs = search.slice(1).split("&").filter((part) => part !== "").map((part) => {
    const [key, value = ""] = part.split(/=(.*)/s);
    const decode = (text: string) => decodeURIComponent(text.replaceAll("+", " "));
    return [rfc3986(decode(key)), rfc3986(decode(value))];
  });
  pairs.sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0);
  return pairs.map(([key, value]) => `${key}=${value}`).join("&");
}

function certificate(base64: string): X509Certificate {
  return new X509Certificate(Buffer.from(base64, "base64"));
}

/** The decimal form of node's hexadecimal serial number. */
export function decimalSerial(certificate: X509Certificate): string {
  return BigInt("0x" + certificate.serialNumber).toString();
}

/**
 * Verifies the X.509 signature of `request` (whose body is `body`) at time `now`; returns
 * the verified facts, or the reason it is refused.
 */
export function verifyX509Request(
  request: Request,
  body: Uint8Array,
  now: Date,
): VerifiedX509Request | string {
  const match = AUTHORIZATION.exec(request.headers.get("authorization") ?? "");
  if (match === null) return "Authorization is not an AWS4-X509 signature";
  const [, algorithm, keyKind, serial, scopeDate, region, signedHeaderList, signature] = match;
  const x509 = request.headers.get("x-amz-x509");
  if (x509 === null) return "X-Amz-X509 is missing";
  let leaf: X509Certificate;
  let chain: X509Certificate[];
  try {
    leaf = certificate(x509);
    const chainHeader = request.headers.get("x-amz-x509-chain");
    chain = chainHeader === null ? [] : chainHeader.split(",").map(certificate);
  } catch {
    return "X-Amz-X509 or X-Amz-X509-Chain is not base64 DER of a certificate";
  }
  if (decimalSerial(leaf) !== serial) return "the Credential is not the certificate's serial";
  const keyType = leaf.publicKey.asymmetricKeyType;
  if ((keyKind === "RSA") !== (keyType === "rsa") || !["rsa", "ec"].includes(keyType ?? "")) {
    return `${algorithm} does not match the certificate's ${keyType} key`;
  }
  const date = request.headers.get("x-amz-date") ?? "";
  const parts = AMZ_DATE.exec(date);
  if (parts === null || !date.startsWith(scopeDate)) return "X-Amz-Date is missing or malformed";
  const [, y, mo, d, h, mi, s] = parts.map(Number);
  if (Math.abs(Date.UTC(y, mo - 1, d, h, mi, s) - now.getTime()) > MAX_SKEW_MS) {
    return "Signature expired: X-Amz-Date is more than 15 minutes from the server's time";
  }
  const signedHeaders = signedHeaderList.split(";");
  const required = ["host", "x-amz-date", "x-amz-x509"];
  if (request.headers.has("x-amz-x509-chain")) required.push("x-amz-x509-chain");
  if (!required.every((name) => signedHeaders.includes(name))) {
    return `SignedHeaders must include ${required.join(", ")}`;
  }
  const url = new URL(request.url);
  const canonicalHeaders = signedHeaders.map((name) =>
    `${name}:${(request.headers.get(name) ?? "").trim().replace(/\s+/g, " ")}\n`
  ).join("");
  const canonicalRequest = [
    request.method,
    url.pathname.split("/").map(rfc3986).join("/"),
    canonicalQuery(url.search),
    canonicalHeaders,
    signedHeaderList,
    createHash("sha256").update(body).digest("hex"),
  ].join("\n");
  const stringToSign = [
    algorithm,
    date,
    `${scopeDate}/${region}/rolesanywhere/aws4_request`,
    createHash("sha256").update(canonicalRequest).digest("hex"),
  ].join("\n");
  const valid = verify(
    "sha256",
    Buffer.from(stringToSign),
    { key: leaf.publicKey, dsaEncoding: "der" },
    Buffer.from(signature, "hex"),
  );
  return valid ? { leaf, chain, region } : "The signature does not match";
}

function validAt(certificate: X509Certificate, now: Date): boolean {
  return certificate.validFromDate <= now && now <= certificate.validToDate;
}

/**
 * Why `leaf` does not chain to `anchor` through `chain` at `now`, or `undefined` when it
 * does: each link issued (names) and signed (public key) by the next, intermediates and the
 * anchor CA certificates, every certificate valid at `now`.
 */
export function chainFailure(
  leaf: X509Certificate,
  chain: readonly X509Certificate[],
  anchor: X509Certificate,
  now: Date,
): string | undefined {
  if (!validAt(leaf, now)) return "the signing certificate is expired or not yet valid";
  if (!anchor.ca || !validAt(anchor, now)) return "the trust anchor is not a valid CA certificate";
  const pool = [...chain];
  let current = leaf;
  for (let depth = 0; depth <= chain.length; depth++) {
    if (current.checkIssued(anchor) && current.verify(anchor.publicKey)) return undefined;
    const index = pool.findIndex((candidate) =>
      candidate.ca && current.checkIssued(candidate) && current.verify(candidate.publicKey)
    );
    if (index === -1) return "the signing certificate does not chain to the trust anchor";
    current = pool.splice(index, 1)[0];
    if (!validAt(current, now)) return "an intermediate certificate is expired or not yet valid";
  }
  return "the signing certificate does not chain to the trust anchor";
}

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface ParsedAuthorization {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** The parts of a `Credential=` value: `<access key id>/<date>/<region>/<service>/aws4_request`. */
export interface ParsedCredential {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
}

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const HEADER_LIST = /^[a-z0-9!#$%&'*+\-.^_`|~]+(;[a-z0-9!#$%&'*+\-.^_`|~]+)*$/;

/** Parses a credential scope value, or returns `undefined` when malformed. */
export function parseCredential(value: string): ParsedCredential | undefined {
  const match = CREDENTIAL.exec(value);
  if (!match) return undefined;
  return {
    accessKeyId: match[1],
    shortDate: match[2],
    region: match[3],
    service: match[4],
  };
}

/** Parses a `SignedHeaders` value (lowercase names separated by `;`). */
export function parseSignedHeaders(value: string): string[] | undefined {
  return HEADER_LIST.test(value) ? value.split(";") : undefined;
}

/** Whether `value` has the form of a SigV4 signature (64 lowercase hex digits). */
export function isSignatureHex(value: string): boolean {
  return SIGNATURE.test(value);
}

/** The three parts of a signed `Authorization` header, as sent. */
export interface AuthorizationParts {
  /** The `Credential` value, still to be parsed by the algorithm's own rules. */
  credential: string;
  /** The `SignedHeaders` names. */
  signedHeaders: string[];
  /** The `Signature` value, still to be checked by the algorithm's own rules. */
  signature: string;
}

/**
 * Splits an `Authorization` header of `algorithm` (`AWS4-HMAC-SHA256`,
 * `AWS4-ECDSA-P256-SHA256`) into its `Credential`, `SignedHeaders` and `Signature`,
 * accepting the spacing variants clients send (`, ` or `,` between parts). Returns
 * `undefined` unless there are exactly these three, each once, and the header list is well
 * formed.
 */
export function authorizationParts(
  header: string,
  algorithm: string,
): AuthorizationParts | undefined {
  const prefix = algorithm + " ";
  if (!header.startsWith(prefix)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf("=");
    if (eq <= 0 || fields.has(trimmed.slice(0, eq))) return undefined;
    fields.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  const signedHeaders = parseSignedHeaders(fields.get("SignedHeaders") ?? "");
  if (signedHeaders === undefined || fields.size !== 3) return undefined;
  return {
    credential: fields.get("Credential") ?? "",
    signedHeaders,
    signature: fields.get("Signature") ?? "",
  };
}

/**
 * Parses an `AWS4-HMAC-SHA256` Authorization header (see {@linkcode authorizationParts}).
 * Returns `undefined` when anything is missing or malformed.
 */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const parts = authorizationParts(header, "AWS4-HMAC-SHA256");
  const credential = parts && parseCredential(parts.credential);
  if (!parts || !credential || !isSignatureHex(parts.signature)) return undefined;
  return { ...credential, signedHeaders: parts.signedHeaders, signature: parts.signature };
}

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

/**
 * Parses an `AWS4-HMAC-SHA256` Authorization header, accepting the spacing variants
 * clients send (`, ` or `,` between parts). Returns `undefined` when anything is missing.
 */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const prefix = "AWS4-HMAC-SHA256 ";
  if (!header.startsWith(prefix)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(prefix.length).split(",")) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf("=");
    if (eq <= 0 || fields.has(trimmed.slice(0, eq))) return undefined;
    fields.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  const credential = parseCredential(fields.get("Credential") ?? "");
  const signedHeaders = parseSignedHeaders(fields.get("SignedHeaders") ?? "");
  const signature = fields.get("Signature") ?? "";
  if (!credential || !signedHeaders || !isSignatureHex(signature) || fields.size !== 3) {
    return undefined;
  }
  return { ...credential, signedHeaders, signature };
}

import { authorizationParts } from "../_verify/authorization_header.ts";
import { SIGV4A_ALGORITHM } from "./signature.ts";

/** The parts of a SigV4a `Credential=` value: `<access key id>/<date>/<service>/aws4_request`. */
export interface ParsedSigV4aCredential {
  accessKeyId: string;
  shortDate: string;
  service: string;
}

/** The parts of an `Authorization: AWS4-ECDSA-P256-SHA256 …` header. */
export interface ParsedSigV4aAuthorization extends ParsedSigV4aCredential {
  signedHeaders: string[];
  signature: string;
}

const CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/aws4_request$/;
// Hex of a DER ECDSA P-256 signature: 8 to 72 bytes.
const SIGNATURE = /^(?:[0-9a-f]{2}){8,72}$/;

/** Parses a SigV4a credential scope value, or returns `undefined` when malformed. */
export function parseSigV4aCredential(value: string): ParsedSigV4aCredential | undefined {
  const match = CREDENTIAL.exec(value);
  if (!match) return undefined;
  return { accessKeyId: match[1], shortDate: match[2], service: match[3] };
}

/** Whether `value` has the form of a SigV4a signature (hex of a DER signature). */
export function isSigV4aSignatureHex(value: string): boolean {
  return SIGNATURE.test(value);
}

/** Whether an `Authorization` header claims SigV4a. */
export function isSigV4aAuthorization(header: string): boolean {
  return header.startsWith(SIGV4A_ALGORITHM + " ");
}

/**
 * Parses an `AWS4-ECDSA-P256-SHA256` Authorization header, accepting `, ` or `,` between
 * parts. Returns `undefined` when anything is missing or malformed.
 */
export function parseSigV4aAuthorization(header: string): ParsedSigV4aAuthorization | undefined {
  const parts = authorizationParts(header, SIGV4A_ALGORITHM);
  const credential = parts && parseSigV4aCredential(parts.credential);
  if (!parts || !credential || !isSigV4aSignatureHex(parts.signature)) return undefined;
  return { ...credential, signedHeaders: parts.signedHeaders, signature: parts.signature };
}

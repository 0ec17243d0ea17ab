import { SigningInputError } from "./errors.ts";
import { type HeaderList, headerValue, readHeaders } from "./_canonical/headers.ts";
import { checkDeclaredPayloadHash, UNSIGNED_PAYLOAD } from "./_canonical/payload_hash.ts";
import { EMPTY_SHA256, sha256HexOfBody } from "../_shared/hash/sha256.ts";

// The steps both signers (SigV4Signer, SigV4aSigner) take around the signature itself.

/** What a `Request` gives a header signature: its headers, and its body's hash and bytes. */
export interface RequestToSign {
  headerList: HeaderList;
  /** The body's hash, when it was hashed (see {@linkcode readRequestToSign}). */
  bodyHash: string | null;
  /** The body read for hashing, to send in the signed copy. */
  bodyBytes: Uint8Array | null;
}

/**
 * Reads what a header signature needs from a checked `request`. The body is hashed
 * (from a clone: `request` stays usable) unless there is none, `unsignedPayload` is set,
 * or the request declares its own `x-amz-content-sha256`.
 */
export async function readRequestToSign(
  request: Request,
  unsignedPayload: boolean | undefined,
): Promise<RequestToSign> {
  const headerList = readHeaders(request.headers);
  const bodyBytes = unsignedPayload || headerValue(headerList, "x-amz-content-sha256") !== null
    ? null
    : await readBody(request);
  return {
    headerList,
    bodyHash: bodyBytes && await sha256HexOfBody(bodyBytes),
    bodyBytes,
  };
}

/** The body of `request`, read from a clone so that `request` stays usable; `null` if none. */
export async function readBody(request: Request): Promise<Uint8Array | null> {
  // fetch refuses a body on GET and HEAD. Other requests are read before `request.body` is
  // looked at: Deno turns a byte body into a stream on that first access, after which a
  // clone tees and copies it instead of sharing the bytes.
  if (request.method === "GET" || request.method === "HEAD") return null;
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  return bytes.byteLength > 0 || request.body !== null ? bytes : null;
}

/** Refuses what cannot be signed: a non-`Request`, a `no-cors` request, a read body. */
export function checkRequest(request: Request): void {
  if (!(request instanceof Request)) {
    throw new SigningInputError("Expected a Request; wrap a URL as new Request(url, init).");
  }
  if (request.mode === "no-cors") {
    throw new SigningInputError(
      'A no-cors request cannot carry an Authorization header; use mode "cors".',
    );
  }
  if (request.bodyUsed) {
    throw new SigningInputError(
      "The request body was already read; sign the request before reading it.",
    );
  }
}

/**
 * A copy of `request` (never the original: it must stay usable) carrying `added`; a body
 * read for hashing goes into the copy as bytes, an unread stream as a tee.
 */
export function withHeaders(
  request: Request,
  added: Map<string, string>,
  bodyBytes: Uint8Array | null,
): Request {
  // Setting headers on the copy in place costs far less than building a new header list.
  const signed = bodyBytes === null
    ? request.clone()
    : new Request(request, { body: bodyBytes as Uint8Array<ArrayBuffer> });
  for (const [name, value] of added) signed.headers.set(name, value);
  return signed;
}

const MAX_EXPIRES_IN = 604800;

/** `expiresIn` (default 900), or a `RangeError` unless it is an integer from 1 to 604800. */
export function checkExpiresIn(expiresIn = 900): number {
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
    throw new RangeError(
      `expiresIn must be an integer number of seconds from 1 to ${MAX_EXPIRES_IN} (7 days), got ${
        String(expiresIn)
      }.`,
    );
  }
  return expiresIn;
}

/**
 * The payload hash of a presigned URL: the request's declared one (its `x-amz-content-sha256`
 * header, or a query parameter of that name in any letter case, as verifiers read it),
 * `UNSIGNED-PAYLOAD` for S3 (like botocore and the S3 presigners), else the body's hash.
 */
export async function presignPayloadHash(request: Request, service: string): Promise<string> {
  const header = request.headers.get("x-amz-content-sha256");
  const inQuery = [...new URL(request.url).searchParams].filter(([name]) =>
    name.toLowerCase() === "x-amz-content-sha256"
  ).map(([, value]) => value);
  if (inQuery.length > 1 || (inQuery.length === 1 && header !== null && header !== inQuery[0])) {
    throw new SigningInputError(
      "The request declares its payload hash more than once (x-amz-content-sha256); keep one.",
    );
  }
  const declared = inQuery[0] ?? header;
  if (declared !== null) return checkDeclaredPayloadHash(declared);
  if (service === "s3") return UNSIGNED_PAYLOAD;
  const body = await readBody(request);
  return body === null ? EMPTY_SHA256 : sha256HexOfBody(body);
}

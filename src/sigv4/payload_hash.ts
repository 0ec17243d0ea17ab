import { EMPTY_SHA256, sha256HexOfBody } from "./sha256.ts";

/** The payload hash value for payloads that are not signed (S3 presigned URLs, opt-in uploads). */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

/** A request body read once for hashing, kept so the signed request can be sent and re-sent. */
export interface HashedBody {
  /** Hex SHA-256 of the body. */
  hash: string;
  /** The body bytes, or `null` for a body-less request. */
  bytes: Uint8Array | null;
}

/**
 * Reads and hashes the body of `request` from a clone, so `request` itself stays usable.
 */
export async function hashRequestBody(request: Request): Promise<HashedBody> {
  if (request.body === null) return { hash: EMPTY_SHA256, bytes: null };
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  return { hash: await sha256HexOfBody(bytes), bytes };
}

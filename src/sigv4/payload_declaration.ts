import { STREAMING_MODES } from "./streaming/format.ts";
import { UNSIGNED_PAYLOAD } from "./_canonical/payload_hash.ts";
import { failure, type VerificationFailure } from "./verification_failure.ts";
import { isPresigned } from "./_verify/checks.ts";

/**
 * How the body of a verified request is authenticated, one value per payload mode:
 *
 * - `signed`: its SHA-256 is in the signature and was checked against the bytes;
 * - `unsigned`: `UNSIGNED-PAYLOAD` (or a presigned S3 URL, which signs no payload): anyone
 *   holding the URL or replaying the headers may send any body;
 * - `streaming-signed`: `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, every aws-chunked chunk signed;
 * - `streaming-signed-trailer`: the same with a signed trailing checksum;
 * - `streaming-unsigned-trailer`: `STREAMING-UNSIGNED-PAYLOAD-TRAILER`, unsigned chunks with a
 *   trailing CRC that anyone can recompute: not a signed payload.
 */
export type PayloadLabel =
  | "signed"
  | "unsigned"
  | "streaming-signed"
  | "streaming-signed-trailer"
  | "streaming-unsigned-trailer";

const HEX_SHA256 = /^[0-9a-f]{64}$/;
/**
 * The SigV4a streaming modes S3 defines: their seed signature is checked, their chunk
 * signatures are not (verifyStreamingRequest answers 501 once the seed verifies).
 */
export const ECDSA_STREAMING_MODES: readonly string[] = [
  "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
  "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
];

/**
 * The payload hash a signed request declares: the `x-amz-content-sha256` header, or for a
 * presigned URL the query parameter of that name in any letter case (the AWS SDK hoists the
 * header under its lowercase name, others write `X-Amz-Content-Sha256`), which a header may
 * repeat but not contradict. `undefined` when nothing is declared. Values other than a hex
 * SHA-256, `UNSIGNED-PAYLOAD` and S3's streaming modes are refused (400).
 */
export function declaredPayloadHash(
  url: URL,
  headers: Headers,
  presigned: boolean,
): string | undefined | VerificationFailure {
  const header = headers.get("x-amz-content-sha256") ?? undefined;
  let declared = header;
  if (presigned) {
    const inQuery: string[] = [];
    for (const [name, value] of url.searchParams) {
      if (name.length === 20 && name.toLowerCase() === "x-amz-content-sha256") inQuery.push(value);
    }
    if (inQuery.length > 1) {
      return failure(
        400,
        "AuthorizationQueryParametersError",
        "X-Amz-Content-Sha256 appears more than once in the query.",
      );
    }
    if (inQuery.length === 1) {
      if (header !== undefined && header !== inQuery[0]) {
        return failure(
          400,
          "InvalidRequest",
          "The x-amz-content-sha256 header contradicts the X-Amz-Content-Sha256 query parameter.",
        );
      }
      declared = inQuery[0];
    }
  }
  if (declared === undefined) return undefined;
  if (
    HEX_SHA256.test(declared) || declared === UNSIGNED_PAYLOAD ||
    STREAMING_MODES.some((mode) => mode === declared) || ECDSA_STREAMING_MODES.includes(declared)
  ) {
    return declared;
  }
  return failure(
    400,
    "InvalidRequest",
    "x-amz-content-sha256 must be a hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING- mode.",
  );
}

/**
 * The {@linkcode PayloadLabel} of a declaration from {@linkcode declaredPayloadHash}: no
 * declaration means the body is hashed, except for presigned S3 URLs, which sign no payload.
 */
export function payloadLabel(
  declared: string | undefined,
  presigned: boolean,
  service: string,
): PayloadLabel {
  if (declared === undefined) return presigned && service === "s3" ? "unsigned" : "signed";
  if (declared === UNSIGNED_PAYLOAD) return "unsigned";
  if (declared.endsWith("-SHA256-PAYLOAD")) return "streaming-signed";
  if (declared.endsWith("-SHA256-PAYLOAD-TRAILER")) return "streaming-signed-trailer";
  if (declared === "STREAMING-UNSIGNED-PAYLOAD-TRAILER") return "streaming-unsigned-trailer";
  return "signed";
}

/**
 * The {@linkcode PayloadLabel} a signed request declares, read exactly as
 * {@linkcode verifySignature} reads it: for a server that must choose how to take the body
 * (buffer it, stream it, decode aws-chunked) before verifying. Trust only the `payload` of the
 * verified result; this is what the request claims, and a failure when its declaration is
 * malformed or contradicts itself.
 *
 * @example
 * ```ts
 * import { declaredPayloadLabel, SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "s3",
 * });
 * const url = await signer.presign(new Request("https://bucket.s3.amazonaws.com/key"));
 * const label = declaredPayloadLabel(new Request(url, { method: "PUT", body: "data" }));
 * assertEquals(label, "unsigned");
 * ```
 */
export function declaredPayloadLabel(request: Request): PayloadLabel | VerificationFailure {
  const url = new URL(request.url);
  const presigned = isPresigned(url, request.headers.get("authorization"));
  const declared = declaredPayloadHash(url, request.headers, presigned);
  if (typeof declared === "object") return declared;
  // The service is the scope's second-to-last part, in SigV4 and SigV4a credentials alike.
  const service = presigned ? url.searchParams.get("X-Amz-Credential")?.split("/").at(-2) : "";
  return payloadLabel(declared, presigned, service ?? "");
}

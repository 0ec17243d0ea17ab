import { IamfetchError } from "../../_shared/iamfetch_error.ts";

/**
 * Thrown (as the error of the body stream) when a body signed with
 * {@linkcode signStreaming} turns out longer or shorter than the `decodedLength` its
 * signature promised: the server would reject the upload, so it stops at once.
 *
 * @example
 * ```ts
 * import { SigV4Signer, signStreaming, StreamingLengthError } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "s3",
 * });
 * const request = new Request("https://bucket.s3.amazonaws.com/key", { method: "PUT", body: "abc" });
 * const signed = await signStreaming(signer, request, { decodedLength: 5 });
 * const error = await signed.arrayBuffer().catch((error) => error);
 * assert(error instanceof StreamingLengthError);
 * ```
 */
export class StreamingLengthError extends IamfetchError {
  /** The decoded length the signature promised. */
  readonly expected: number;
  /** How many bytes the body had when the mismatch was found (at least, if longer). */
  readonly received: number;

  /** Creates the error. */
  constructor(expected: number, received: number) {
    super(
      (received > expected
        ? `The body is longer than decodedLength (${expected} bytes; read ${received} so far)`
        : `The body ended after ${received} bytes but decodedLength promised ${expected}`) +
        "; pass the body's exact length as decodedLength.",
    );
    this.name = "StreamingLengthError";
    this.expected = expected;
    this.received = received;
  }
}

/**
 * The S3 error codes of a rejected aws-chunked body.
 */
export type AwsChunkedErrorCode =
  | "SignatureDoesNotMatch"
  | "IncompleteBody"
  | "InvalidChunkSizeError"
  | "InvalidRequest"
  | "MalformedTrailerError"
  | "BadDigest";

/**
 * The error an aws-chunked body stream verified by {@linkcode verifyAwsChunkedBody}
 * fails with: the S3 error code and status to answer with, and a message that never
 * contains a signature or key.
 *
 * @example
 * ```ts
 * import { AwsChunkedBodyError } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const error = new AwsChunkedBodyError("IncompleteBody", "The body ended inside a chunk.");
 * assertEquals(error.status, 400);
 * ```
 */
export class AwsChunkedBodyError extends IamfetchError {
  /** The S3 error code. */
  readonly code: AwsChunkedErrorCode;
  /** The HTTP status S3 answers the code with. */
  readonly status: number;

  /** Creates the error; `message` must not contain secret values. */
  constructor(code: AwsChunkedErrorCode, message: string) {
    super(message);
    this.name = "AwsChunkedBodyError";
    this.code = code;
    this.status = code === "SignatureDoesNotMatch" ? 403 : 400;
  }
}

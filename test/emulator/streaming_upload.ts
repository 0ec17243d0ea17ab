import type { Context } from "hono";
import {
  AwsChunkedBodyError,
  type VerifiedRequest,
  type VerifyOptions,
  verifyStreamingRequest,
} from "../../src/sigv4/mod.ts";
import type { AwsErrorInit } from "./aws_error.ts";
import type { EmulatorEnv } from "./emulator_env.ts";

/** Whether `request` is an `aws-chunked` streaming upload (`x-amz-content-sha256: STREAMING-…`). */
export function isStreamingUpload(request: Request): boolean {
  return request.headers.get("x-amz-content-sha256")?.startsWith("STREAMING-") ?? false;
}

/**
 * Verifies a streaming upload as S3 does — seed signature, then every chunk signature
 * and the trailing checksum — and, when all holds, puts the decoded body where handlers
 * read it (`c.req.arrayBuffer()`), with its decoded `content-length`. The emulator reads
 * the whole body before answering, so a handler never sees a partly verified upload.
 */
export async function verifyStreamingUpload(
  c: Context<EmulatorEnv>,
  request: Request,
  options: VerifyOptions,
): Promise<VerifiedRequest | (AwsErrorInit & { ok: false })> {
  const result = await verifyStreamingRequest(request, options);
  if (!result.ok) return result;
  let decoded: ArrayBuffer;
  try {
    decoded = await new Response(result.body).arrayBuffer();
  } catch (error) {
    if (!(error instanceof AwsChunkedBodyError)) throw error;
    return { ok: false, status: error.status, code: error.code, message: error.message };
  }
  const headers = new Headers(request.headers);
  headers.set("content-length", String(decoded.byteLength));
  c.req.raw = new Request(request.url, { method: request.method, headers, body: decoded });
  c.req.bodyCache = {};
  const { body: _body, mode: _mode, decodedLength: _length, trailer: _trailer, ...verified } =
    result;
  return verified;
}

// How sigv4Auth takes the body for each payload mode the request declares, before the handler
// reads it: streamed and decoded (aws-chunked), passed through (unsigned), or buffered up to a
// limit and hashed (signed). The verifier's own `payload` label is what the handler is told.
import {
  type PayloadLabel,
  type VerificationFailure,
  type VerifiedRequest,
  type VerifyOptions,
  verifySignature,
  verifyStreamingRequest,
} from "../sigv4/mod.ts";
import { readBodyUpTo } from "../_shared/bounded_body.ts";
import { bodyTooLarge } from "../sigv4/verification_failure.ts";

/** A verified request, and the request the handler reads when it is not the incoming one. */
export interface PayloadVerified {
  ok: true;
  verified: VerifiedRequest;
  /** Replaces `c.req.raw`: the buffered or decoded body. */
  request?: Request;
}

/** Verifies `raw` the way its declared payload `label` calls for. */
export function verifyByPayload(
  raw: Request,
  label: PayloadLabel,
  options: VerifyOptions & { maxBodyBytes: number; maxChunkSize?: number },
): Promise<PayloadVerified | VerificationFailure> {
  if (label.startsWith("streaming-")) return verifyStreamed(raw, options);
  if (label === "unsigned") return verifyUnsigned(raw, options);
  return verifyBuffered(raw, options);
}

async function verifyStreamed(
  raw: Request,
  options: VerifyOptions & { maxChunkSize?: number },
): Promise<PayloadVerified | VerificationFailure> {
  const result = await verifyStreamingRequest(raw, options);
  if (!result.ok) return result;
  const { body, mode: _mode, decodedLength, trailer: _trailer, ...verified } = result;
  const request = new Request(raw.url, {
    method: raw.method,
    headers: decodedHeaders(raw.headers, decodedLength),
    body,
    duplex: "half",
  } as RequestInit);
  return { ok: true, verified, request };
}

// Nothing to hash: a body-less copy is verified and the body streams to the handler.
async function verifyUnsigned(
  raw: Request,
  options: VerifyOptions,
): Promise<PayloadVerified | VerificationFailure> {
  const result = await verifySignature(
    new Request(raw.url, { method: raw.method, headers: raw.headers }),
    options,
  );
  return result.ok ? { ok: true, verified: result } : result;
}

async function verifyBuffered(
  raw: Request,
  options: VerifyOptions & { maxBodyBytes: number },
): Promise<PayloadVerified | VerificationFailure> {
  const bytes = await readBodyUpTo(raw, options.maxBodyBytes);
  if (bytes === undefined) return bodyTooLarge(options.maxBodyBytes);
  // A detached copy: verifySignature reads the body from a clone, and cloning a
  // Deno.serve request makes Deno warn about its abort signal.
  const request = new Request(raw.url, {
    method: raw.method,
    headers: raw.headers,
    body: bytes as Uint8Array<ArrayBuffer> | null,
  });
  const result = await verifySignature(request, options);
  return result.ok ? { ok: true, verified: result, request } : result;
}

/** The headers a handler sees for a decoded aws-chunked body: its real length and encoding. */
function decodedHeaders(headers: Headers, decodedLength: number): Headers {
  const result = new Headers(headers);
  result.set("content-length", String(decodedLength));
  const encodings = (headers.get("content-encoding") ?? "").split(",").map((part) => part.trim())
    .filter((part) => part !== "" && part !== "aws-chunked");
  if (encodings.length === 0) result.delete("content-encoding");
  else result.set("content-encoding", encodings.join(","));
  return result;
}

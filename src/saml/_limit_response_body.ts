import { SamlLoginError } from "./errors.ts";

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * `response` with its body capped at `maxBytes`: a larger `Content-Length` throws at once,
 * and a body that grows past the cap makes reading it fail with `SamlLoginError`, so a
 * hostile IdP cannot make a login buffer without bound. The copy's `url` is `url` (a
 * constructed `Response` has none of its own).
 */
export async function limitResponseBody(
  response: Response,
  url: URL,
  maxBytes: number,
  adapter: string,
): Promise<Response> {
  const tooLarge = () =>
    new SamlLoginError(
      adapter,
      `${url.origin} answered with more than ${maxBytes} bytes; refusing to read it.`,
      { status: response.status },
    );
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (response.body !== null && !NULL_BODY_STATUSES.has(response.status)) {
    let size = 0;
    body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          size += chunk.byteLength;
          if (size > maxBytes) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
  }
  const limited = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(limited, "url", { value: url.href });
  return limited;
}

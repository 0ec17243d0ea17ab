import type { BodyFault } from "./state_records.ts";

/**
 * `response` with its body spoiled as `fault` says (see {@linkcode BodyFault}): the
 * status and headers stay (but `content-length`, so the server streams the body), the
 * body is cut off after its first half — the stream errors and the server drops the
 * connection — or held back `stallMs` before it is sent (the wait ends early when the
 * client goes away and the server cancels the body).
 *
 * @example
 * ```ts
 * c.res = spoiledResponse(c.res, "truncated");
 * ```
 */
export function spoiledResponse(response: Response, fault: BodyFault): Response {
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  const original = response.arrayBuffer();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const bytes = new Uint8Array(await original);
      if (fault === "truncated") {
        controller.enqueue(bytes.subarray(0, Math.floor(bytes.byteLength / 2)));
        controller.error(new Error("Injected fault: the connection dropped midway."));
        return;
      }
      timer = setTimeout(() => {
        controller.enqueue(bytes);
        controller.close();
      }, fault.stallMs);
    },
    cancel() {
      clearTimeout(timer);
    },
  });
  return new Response(body, { status: response.status, headers });
}

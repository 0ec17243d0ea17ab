import type { LoopbackHandler, LoopbackServer } from "./types.ts";
import {
  nodeBuiltin,
  type NodeIncomingMessage,
  type NodeProcess,
  type NodeServerResponse,
} from "./_node_modules.ts";

/**
 * `Platform.serveLoopback` on Node and Bun: a `node:http` server on `127.0.0.1:port` (a
 * free port for 0) whose requests reach `handler` as web `Request`s and whose `Response`s
 * are written back. Every answer closes its connection, so `close()` ends once the requests
 * under way are answered, with no idle keep-alive connection holding it open.
 */
export async function serveLoopback(
  process: NodeProcess,
  port: number,
  handler: LoopbackHandler,
): Promise<LoopbackServer> {
  const http = await nodeBuiltin(process, "node:http");
  let boundPort = port;
  const server = http.createServer((incoming, outgoing) => {
    answer(incoming, outgoing, boundPort, handler).catch(() => {
      // The client went away while the answer was written: nothing more to do.
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => resolve());
    server.listen(port, "127.0.0.1");
  });
  const address = server.address();
  if (address !== null && typeof address === "object") boundPort = address.port;
  let closing: Promise<void> | undefined;
  return {
    port: boundPort,
    close: () =>
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
      }),
  };
}

async function answer(
  incoming: NodeIncomingMessage,
  outgoing: NodeServerResponse,
  port: number,
  handler: LoopbackHandler,
): Promise<void> {
  let response: Response;
  try {
    response = await handler(toRequest(incoming, port));
  } catch {
    response = new Response("Internal error", { status: 500 });
  }
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => outgoing.setHeader(name, value));
  outgoing.setHeader("connection", "close");
  if (response.body !== null) {
    const reader = response.body.getReader();
    outgoing.on("close", () => reader.cancel().catch(() => {}));
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      outgoing.write(chunk.value);
    }
  }
  outgoing.end();
}

function toRequest(incoming: NodeIncomingMessage, port: number): Request {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i], raw[i + 1]);
    } catch {
      // A header the Fetch API refuses (e.g. a forbidden character) is left out.
    }
  }
  const method = incoming.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (method !== "GET" && method !== "HEAD") {
    init.body = bodyStream(incoming);
    init.duplex = "half";
  } else {
    incoming.resume(); // nothing to read: let the request end
  }
  return new Request(`http://127.0.0.1:${port}${incoming.url ?? "/"}`, init);
}

// The request body as a web stream that reads only as fast as the handler does; once the
// handler stops reading (e.g. at its size cap) the rest is dropped unbuffered.
function bodyStream(incoming: NodeIncomingMessage): ReadableStream<Uint8Array> {
  let finished = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      incoming.pause();
      incoming.on("data", (chunk) => {
        if (finished) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) incoming.pause();
      });
      incoming.on("end", () => {
        if (!finished) controller.close();
        finished = true;
      });
      incoming.on("error", (error) => {
        if (!finished) controller.error(error);
        finished = true;
      });
    },
    pull() {
      incoming.resume();
    },
    cancel() {
      // The rest is read and dropped, so that the answer can still be written; the
      // connection closes after it.
      finished = true;
      incoming.resume();
    },
  });
}

import assert from "node:assert/strict";
import { AwsClient } from "../../src/http/aws_client.ts";
import { delay } from "../../src/http/delay.ts";
import { freePort } from "../find_program.ts";
import {
  ACCESS_KEY_ID,
  countingFetch,
  SECRET,
  withVerifyingServer,
  xmlError,
} from "./verifying_server.ts";

const client = (extra: Record<string, unknown> = {}) =>
  new AwsClient({
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    service: "execute-api",
    region: "eu-west-1",
    initRetryMs: 1,
    ...extra,
  });

// Answers the n-th request (from 1) with responses[n - 1], and 200 "ok" after them.
const sequence = (...responses: (() => Response)[]) => (attempt: number) =>
  attempt <= responses.length ? responses[attempt - 1]() : new Response("ok");
const unavailable = () => new Response("busy", { status: 503 });

Deno.test("AwsClient.fetch retries 503 twice then returns the 200: exactly 3 attempts, each verified", async () => {
  await withVerifyingServer(sequence(unavailable, unavailable), async (origin, received) => {
    const response = await client().fetch(`${origin}/items`, { method: "POST", body: "same" });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), "ok");
    assert.equal(received.length, 3);
    for (const attempt of received) {
      assert.equal(attempt.verified.ok, true);
      assert.equal(attempt.body, "same");
    }
  });
});

Deno.test("AwsClient.fetch resends the body of a Request input on each attempt", async () => {
  await withVerifyingServer(sequence(unavailable), async (origin, received) => {
    const request = new Request(`${origin}/put`, { method: "PUT", body: "replayed" });
    assert.equal(await (await client().fetch(request)).text(), "ok");
    assert.deepEqual(received.map((r) => r.body), ["replayed", "replayed"]);
  });
});

Deno.test("AwsClient.fetch retries a 400 ThrottlingException", async () => {
  await withVerifyingServer(
    sequence(() => xmlError(400, "ThrottlingException")),
    async (origin, received) => {
      const response = await client().fetch(`${origin}/`);
      assert.equal(await response.text(), "ok");
      assert.equal(received.length, 2);
    },
  );
});

Deno.test("AwsClient.fetch retries a 400 whose x-amzn-errortype is a throttling code", async () => {
  const throttled = () =>
    Response.json({ message: "Rate exceeded" }, {
      status: 400,
      headers: { "x-amzn-errortype": "TooManyRequestsException:http://internal.amazon.com/" },
    });
  await withVerifyingServer(sequence(throttled), async (origin, received) => {
    assert.equal(await (await client().fetch(`${origin}/`)).text(), "ok");
    assert.equal(received.length, 2);
  });
});

Deno.test("AwsClient.fetch does not retry a 400 ValidationError, whose body the caller can read", async () => {
  await withVerifyingServer(
    sequence(() => xmlError(400, "ValidationError")),
    async (origin, received) => {
      const response = await client().fetch(`${origin}/`);
      assert.equal(response.status, 400);
      assert.match(await response.text(), /<Code>ValidationError<\/Code>/);
      assert.equal(received.length, 1);
    },
  );
});

Deno.test("AwsClient.fetch retries a 429", async () => {
  const tooMany = () => new Response("slow down", { status: 429 });
  await withVerifyingServer(sequence(tooMany, tooMany), async (origin, received) => {
    assert.equal((await client().fetch(`${origin}/`)).status, 200);
    assert.equal(received.length, 3);
  });
});

Deno.test("AwsClient.fetch with retries: 0 makes exactly one attempt", async () => {
  await withVerifyingServer(sequence(unavailable), async (origin, received) => {
    const response = await client({ retries: 0 }).fetch(`${origin}/`);
    assert.equal(response.status, 503);
    assert.equal(await response.text(), "busy");
    assert.equal(received.length, 1);
  });
});

Deno.test("AwsClient.fetch returns the last response when every retry fails: retries + 1 attempts", async () => {
  await withVerifyingServer(unavailable, async (origin, received) => {
    const response = await client({ retries: 3 }).fetch(`${origin}/`);
    assert.equal(response.status, 503);
    assert.equal(await response.text(), "busy");
    assert.equal(received.length, 4);
  });
});

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, 3));
      controller.enqueue(bytes.subarray(3));
      controller.close();
    },
  });
}

Deno.test("AwsClient.fetch sends a ReadableStream body once and never retries it", async () => {
  await withVerifyingServer(unavailable, async (origin, received) => {
    const response = await client({ retries: 5 }).fetch(`${origin}/upload`, {
      method: "PUT",
      body: streamOf("streamed body"),
    });
    assert.equal(response.status, 503);
    assert.equal(await response.text(), "busy");
    assert.equal(received.length, 1);
    assert.equal(received[0].body, "streamed body");
    assert.equal(received[0].verified.ok, true);
  });
});

Deno.test("AwsClient.fetch streams an S3 upload as UNSIGNED-PAYLOAD, as aws4fetch", async () => {
  await withVerifyingServer(() => new Response(null, { status: 200 }), async (origin, received) => {
    const response = await client({ service: "s3" }).fetch(`${origin}/bucket/key`, {
      method: "PUT",
      body: streamOf("object bytes"),
    });
    assert.equal(response.status, 200);
    assert.equal(received[0].headers.get("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
    assert.equal(received[0].body, "object bytes");
    assert.equal(received[0].verified.ok, true);
  });
});

Deno.test("AwsClient.fetch does not retry a stream body after a network error", async () => {
  const port = freePort();
  await countingFetch(async (calls) => {
    await assert.rejects(
      client({ retries: 3 }).fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        body: streamOf("once"),
      }),
      TypeError,
    );
    assert.equal(calls.length, 1);
  });
});

Deno.test("AwsClient.fetch retries network errors, then rejects with the last one", async () => {
  const port = freePort();
  await countingFetch(async (calls) => {
    await assert.rejects(client({ retries: 2 }).fetch(`http://127.0.0.1:${port}/`), TypeError);
    assert.equal(calls.length, 3);
  });
});

Deno.test("AwsClient.fetch recovers when a network error is followed by a success", async () => {
  await withVerifyingServer(() => new Response("ok"), async (origin, received) => {
    await countingFetch(
      async (calls) => {
        assert.equal(await (await client().fetch(`${origin}/`)).text(), "ok");
        assert.equal(calls.length, 2);
        assert.equal(received.length, 1);
      },
      (_, call) => call === 1 ? Promise.reject(new TypeError("connection reset")) : undefined,
    );
  });
});

Deno.test("AwsClient.fetch rejects with AbortError soon after its signal aborts during the backoff", async () => {
  await withVerifyingServer(unavailable, async (origin, received) => {
    // Backoffs of up to 20 s: the abort must cut the wait short.
    const aws = client({ retries: 10, initRetryMs: 20_000 });
    const controller = new AbortController();
    const started = performance.now();
    const pending = aws.fetch(`${origin}/`, { signal: controller.signal });
    while (received.length === 0) await delay(2);
    await delay(20);
    controller.abort();
    await assert.rejects(pending, (error: Error) => error.name === "AbortError");
    assert.ok(performance.now() - started < 2000, "the backoff was not cut short");
    const attempts = received.length;
    await delay(50);
    assert.equal(received.length, attempts, "no attempt after the abort");
  });
});

Deno.test("AwsClient.fetch honours the signal of a Request input", async () => {
  await withVerifyingServer(unavailable, async (origin, received) => {
    const controller = new AbortController();
    const request = new Request(`${origin}/`, { signal: controller.signal });
    const pending = client({ initRetryMs: 20_000 }).fetch(request);
    while (received.length === 0) await delay(2);
    controller.abort(new DOMException("caller gave up", "AbortError"));
    await assert.rejects(pending, /caller gave up/);
  });
});

Deno.test("AwsClient.fetch with an already aborted signal sends nothing", async () => {
  await withVerifyingServer(unavailable, async (origin, received) => {
    await assert.rejects(
      client().fetch(`${origin}/`, { signal: AbortSignal.abort() }),
      (error: Error) => error.name === "AbortError",
    );
    assert.equal(received.length, 0);
  });
});

Deno.test("AwsClient.fetch re-signs every attempt, so a provider is asked each time", async () => {
  let calls = 0;
  const credentials = () => {
    calls++;
    return Promise.resolve({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET });
  };
  await withVerifyingServer(sequence(unavailable, unavailable), async (origin, received) => {
    const aws = new AwsClient({ credentials, service: "execute-api", initRetryMs: 1 });
    assert.equal((await aws.fetch(`${origin}/`)).status, 200);
    assert.equal(calls, 3);
    assert.equal(received.length, 3);
  });
});

Deno.test("AwsClient.fetch cancels the body of a response it retries", async () => {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A 503 whose body lasts 3 s unless the client lets go of it.
  let chunks = 0;
  const endless = () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (++chunks > 150) return controller.close();
          controller.enqueue(new TextEncoder().encode("busy "));
          return new Promise((resolve) => timer = setTimeout(resolve, 20));
        },
        cancel() {
          cancelled = true;
        },
      }),
      { status: 503 },
    );
  await withVerifyingServer(sequence(endless), async (origin, received) => {
    assert.equal(await (await client().fetch(`${origin}/`)).text(), "ok");
    assert.equal(received.length, 2);
    for (let i = 0; i < 100 && !cancelled; i++) await delay(10);
    assert.equal(cancelled, true);
  });
  clearTimeout(timer);
});

import assert from "node:assert/strict";
import {
  backoffDelay,
  isRetryableFetchError,
  isRetryableResponse,
  THROTTLING_ERROR_CODES,
  TRANSIENT_ERROR_CODES,
} from "../../src/http/retry.ts";
import {
  errorCodeFromBody,
  MAX_ERROR_BODY_BYTES,
  readErrorCode,
} from "../../src/http/error_code.ts";

Deno.test("backoffDelay is random * base * 2^attempt below the cap", () => {
  assert.equal(backoffDelay(0, 50, 20_000, () => 0.5), 25);
  assert.equal(backoffDelay(1, 50, 20_000, () => 0.5), 50);
  assert.equal(backoffDelay(4, 50, 20_000, () => 1), 800);
  assert.equal(backoffDelay(4, 50, 20_000, () => 0), 0);
});

Deno.test("backoffDelay never exceeds the cap, however many attempts", () => {
  for (const attempt of [9, 10, 20, 100, 2000]) {
    assert.equal(backoffDelay(attempt, 50, 20_000, () => 0.999999), 20_000 * 0.999999);
    assert.ok(backoffDelay(attempt, 50, 20_000) < 20_000);
  }
});

Deno.test("backoffDelay with Math.random stays within [0, min(cap, base * 2^attempt))", () => {
  for (let attempt = 0; attempt < 12; attempt++) {
    const bound = Math.min(1000, 10 * 2 ** attempt);
    for (let i = 0; i < 200; i++) {
      const wait = backoffDelay(attempt, 10, 1000);
      assert.ok(wait >= 0 && wait < bound, `attempt ${attempt}: ${wait} not in [0, ${bound})`);
    }
  }
});

Deno.test("isRetryableResponse retries every 5xx and 429", async () => {
  for (const status of [500, 501, 502, 503, 504, 509, 599, 429]) {
    assert.equal(await isRetryableResponse(new Response(null, { status })), true, String(status));
  }
});

Deno.test("isRetryableResponse does not retry successes, redirects or other 4xx without a throttling code", async () => {
  for (const status of [200, 204, 301, 304, 400, 401, 403, 404, 409, 412, 413]) {
    const response = new Response(status === 204 || status === 304 ? null : "nope", { status });
    assert.equal(await isRetryableResponse(response), false, String(status));
  }
});

const xmlError = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
  `<Error><Type>Sender</Type><Code>${code}</Code><Message>m</Message></Error>` +
  `<RequestId>r</RequestId></ErrorResponse>`;

Deno.test("isRetryableResponse retries each throttling code returned with a 400, in XML and JSON bodies and in x-amzn-errortype", async () => {
  assert.equal(THROTTLING_ERROR_CODES.size, 14);
  for (const code of THROTTLING_ERROR_CODES) {
    const bodies: Response[] = [
      new Response(xmlError(code), { status: 400 }),
      new Response(`<Response><Errors><Error><Code>${code}</Code></Error></Errors></Response>`, {
        status: 400,
      }),
      new Response(JSON.stringify({ __type: `com.amazonaws.service#${code}`, message: "m" }), {
        status: 400,
      }),
      new Response(JSON.stringify({ code, message: "m" }), { status: 400 }),
      new Response(JSON.stringify({ Code: code }), { status: 403 }),
      new Response("{}", {
        status: 400,
        headers: { "x-amzn-errortype": `${code}:http://internal.amazon.com/coral/com.amazon.x/` },
      }),
    ];
    for (const response of bodies) {
      assert.equal(await isRetryableResponse(response), true, code);
    }
  }
});

Deno.test("isRetryableResponse retries S3's 400 RequestTimeout, a transient error in AWS SDK v3", async () => {
  for (const code of TRANSIENT_ERROR_CODES) {
    assert.equal(await isRetryableResponse(new Response(xmlError(code), { status: 400 })), true);
  }
});

Deno.test("isRetryableResponse does not retry a 400 with a non-throttling code", async () => {
  for (
    const code of [
      "ValidationError",
      "ValidationException",
      "AccessDenied",
      "ThrottlingSoon",
      "throttling",
    ]
  ) {
    assert.equal(
      await isRetryableResponse(new Response(xmlError(code), { status: 400 })),
      false,
      code,
    );
    const json = new Response(JSON.stringify({ __type: code }), { status: 400 });
    assert.equal(await isRetryableResponse(json), false, code);
  }
  const plain = new Response("Throttling", { status: 400 });
  assert.equal(await isRetryableResponse(plain), false);
});

Deno.test("isRetryableResponse leaves the response body unread and readable by the caller", async () => {
  const body = xmlError("ThrottlingException");
  const response = new Response(body, { status: 400 });
  assert.equal(await isRetryableResponse(response), true);
  assert.equal(response.bodyUsed, false);
  assert.equal(await response.text(), body);

  const validation = new Response(xmlError("ValidationError"), { status: 400 });
  assert.equal(await isRetryableResponse(validation), false);
  assert.equal(await validation.text(), xmlError("ValidationError"));
});

Deno.test("readErrorCode reads at most 64 KiB of the body", async () => {
  // A code beyond the first 64 KiB is not seen, and the reader stops pulling.
  let pulled = 0;
  const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk.length;
      if (pulled > 1024 * 1024) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const late = new Response(stream, { status: 400 });
  assert.equal(await readErrorCode(late), undefined);
  assert.ok(pulled < 256 * 1024, `pulled ${pulled} bytes`);
  await late.body!.cancel();

  const padded = "<Error>" + " ".repeat(MAX_ERROR_BODY_BYTES - 40) +
    "<Code>SlowDown</Code></Error>";
  assert.equal(await readErrorCode(new Response(padded, { status: 400 })), "SlowDown");
  const tooFar = "<Error>" + " ".repeat(MAX_ERROR_BODY_BYTES) + "<Code>SlowDown</Code></Error>";
  assert.equal(await readErrorCode(new Response(tooFar, { status: 400 })), undefined);
});

Deno.test("errorCodeFromBody finds the code in a JSON body cut off at the read limit", () => {
  const truncated =
    '{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exc';
  assert.equal(errorCodeFromBody(truncated), "ThrottlingException");
  assert.equal(errorCodeFromBody("not an error body"), undefined);
  assert.equal(errorCodeFromBody("[1,2]"), undefined);
});

Deno.test("readErrorCode prefers x-amzn-errortype and ignores a consumed body", async () => {
  const response = new Response(JSON.stringify({ __type: "ValidationException" }), {
    status: 400,
    headers: { "x-amzn-errortype": "ThrottlingException" },
  });
  assert.equal(await readErrorCode(response), "ThrottlingException");
  await response.text();
  const consumed = new Response(xmlError("SlowDown"), { status: 400 });
  await consumed.text();
  assert.equal(await readErrorCode(consumed), undefined);
});

Deno.test("isRetryableFetchError retries network TypeErrors, not aborts or other errors", () => {
  assert.equal(isRetryableFetchError(new TypeError("fetch failed")), true);
  assert.equal(isRetryableFetchError(new DOMException("aborted", "AbortError")), false);
  assert.equal(isRetryableFetchError(new DOMException("timed out", "TimeoutError")), false);
  assert.equal(isRetryableFetchError(new Error("boom")), false);
  assert.equal(isRetryableFetchError("TypeError"), false);
});

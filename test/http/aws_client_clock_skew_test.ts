import assert from "node:assert/strict";
import { AwsClient } from "../../src/http/aws_client.ts";
import type { EchoResponse } from "../emulator/routes/echo.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { countingFetch } from "./verifying_server.ts";

// The emulator verifies every signature on its own clock, which a test moves; it answers
// a request signed more than 15 minutes away from it with 403 RequestTimeTooSkewed and its
// time in the Date header, as AWS does.
const HALF_AN_HOUR_S = 30 * 60;
const scope = { service: "execute-api", region: "us-east-1" };

async function skewedEmulator() {
  const emu = await startEmulator();
  emu.state.skewSeconds = HALF_AN_HOUR_S; // the service's clock is 30 minutes ahead of ours
  const client = new AwsClient({ credentials: emu.credentials, ...scope, retries: 0 });
  const verifications = () => emu.state.log.map((entry) => entry.verification);
  return { emu, client, verifications };
}

async function echoed(response: Response): Promise<EchoResponse> {
  assert.equal(response.status, 200, await response.clone().text());
  return await response.json();
}

const bodies: [string, string, (url: string) => Parameters<AwsClient["fetch"]>][] = [
  ["a string body", "text", (url) => [url, { method: "PUT", body: "text" }]],
  [
    "a bytes body",
    "bytes",
    (url) => [url, { method: "PUT", body: new TextEncoder().encode("bytes") }],
  ],
  ["a Request with a body", "sent", (url) => [new Request(url, { method: "POST", body: "sent" })]],
];

for (const [name, expected, call] of bodies) {
  Deno.test(`AwsClient.fetch learns a 30-minute skew from RequestTimeTooSkewed and re-sends ${name} intact`, async () => {
    const { emu, client, verifications } = await skewedEmulator();
    await using _ = emu;
    const echo = await echoed(await client.fetch(...call(`${emu.url}/echo/skewed`)));
    assert.equal(echo.body, expected);
    assert.deepEqual(verifications(), ["RequestTimeTooSkewed", "ok"]);
  });
}

Deno.test("AwsClient keeps the learned offset: the next fetch and sign need no correction", async () => {
  const { emu, client, verifications } = await skewedEmulator();
  await using _ = emu;
  await (await client.fetch(`${emu.url}/echo/first`)).body?.cancel();
  await echoed(await client.fetch(`${emu.url}/echo/second`));
  await echoed(await fetch(await client.sign(`${emu.url}/echo/third`)));
  assert.deepEqual(verifications(), ["RequestTimeTooSkewed", "ok", "ok", "ok"]);
});

Deno.test("AwsClient.fetch does not re-send a ReadableStream body after a skew error, but learns the offset", async () => {
  const { emu, client, verifications } = await skewedEmulator();
  await using _ = emu;
  const stream = new Blob(["streamed once"]).stream();
  const response = await client.fetch(`${emu.url}/echo/stream`, { method: "PUT", body: stream });
  assert.equal(response.status, 403);
  assert.match(await response.text(), /RequestTimeTooSkewed/);
  assert.deepEqual(verifications(), ["RequestTimeTooSkewed"]);
  await echoed(await client.fetch(`${emu.url}/echo/after`, { method: "PUT", body: "later" }));
  assert.deepEqual(verifications(), ["RequestTimeTooSkewed", "ok"], "the offset was kept");
});

Deno.test("AwsClient.fetch re-signs only once: a service that stays skewed gets its 403 back", async () => {
  const { emu, client, verifications } = await skewedEmulator();
  await using _ = emu;
  let shift = HALF_AN_HOUR_S;
  // The service jumps another half hour after each answer, so every correction is stale.
  const original = emu.state.now.bind(emu.state);
  emu.state.now = () => {
    shift += HALF_AN_HOUR_S;
    return new Date(original().getTime() + shift * 1000);
  };
  const response = await client.fetch(`${emu.url}/echo/drifting`);
  assert.equal(response.status, 403);
  await response.body?.cancel();
  assert.deepEqual(verifications(), ["RequestTimeTooSkewed", "RequestTimeTooSkewed"]);
});

Deno.test("AwsClient.fetch does not retry a skew-coded error whose server time agrees with ours", async () => {
  const { emu, client, verifications } = await skewedEmulator();
  await using _ = emu;
  emu.state.skewSeconds = 0;
  const wrongSecret = new AwsClient({
    credentials: { ...emu.credentials, secretAccessKey: "not-the-secret" },
    ...scope,
    retries: 0,
  });
  const response = await wrongSecret.fetch(`${emu.url}/echo/wrong`);
  assert.equal(response.status, 403);
  assert.match(await response.text(), /SignatureDoesNotMatch/);
  assert.deepEqual(verifications(), ["SignatureDoesNotMatch"]);
  await echoed(await client.fetch(`${emu.url}/echo/right`));
});

Deno.test("AwsClient.fetch learns the skew from S3's <ServerTime> when the Date header is hidden (CORS)", async () => {
  const { emu, client, verifications } = await skewedEmulator();
  await using _ = emu;
  // A browser only sees the headers a CORS answer exposes, and Date is not among the
  // safelisted ones; S3 also puts its time in the error body, which AWS SDK v3 reads first.
  const serverTime = emu.state.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  const s3Answer = new Response(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>RequestTimeTooSkewed</Code>' +
      "<Message>The difference between the request time and the current time is too large.</Message>" +
      `<RequestTime>20240101T000000Z</RequestTime><ServerTime>${serverTime}</ServerTime>` +
      "<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>",
    { status: 403, headers: { "content-type": "application/xml" } },
  );
  await countingFetch(
    async (calls) => {
      await echoed(await client.fetch(`${emu.url}/echo/s3`, { method: "PUT", body: "object" }));
      assert.equal(calls.length, 2);
    },
    (request, call) => {
      if (call !== 1) return undefined;
      void request.body?.cancel();
      return Promise.resolve(s3Answer);
    },
  );
  assert.deepEqual(verifications(), ["ok"]);
});

Deno.test("AwsClient.fetch with a fixed init.aws.datetime signs that time, skew or not", async () => {
  const { emu, client, verifications } = await skewedEmulator();
  await using _ = emu;
  const datetime = new Date();
  const response = await client.fetch(`${emu.url}/echo/fixed`, { aws: { datetime } });
  assert.equal(response.status, 403);
  await response.body?.cancel();
  assert.deepEqual(verifications(), ["RequestTimeTooSkewed"]);
});

import assert from "node:assert/strict";
import { ClockSkew } from "../../src/http/clock_skew.ts";

const MINUTE = 60_000;
const dated = (offsetMs: number, extra: Record<string, string> = {}) => ({
  headers: new Headers({ date: new Date(Date.now() + offsetMs).toUTCString(), ...extra }),
});

Deno.test("ClockSkew learns a skew of 4 minutes or more from a skew code's Date, as AWS SDK v3", () => {
  for (
    const code of [
      "RequestTimeTooSkewed",
      "InvalidSignatureException",
      "SignatureDoesNotMatch",
      "RequestExpired",
      "RequestInTheFuture",
      "AuthFailure",
      "AccessDeniedException",
    ]
  ) {
    const clock = new ClockSkew();
    assert.equal(clock.learnFrom(code, dated(-30 * MINUTE)), true, code);
    assert.ok(Math.abs(clock.offsetMs + 30 * MINUTE) < 2_000, code);
  }
});

Deno.test("ClockSkew ignores other codes, small differences and unreadable dates", () => {
  const clock = new ClockSkew();
  assert.equal(clock.learnFrom("AccessDenied", dated(30 * MINUTE)), false);
  assert.equal(clock.learnFrom(undefined, dated(30 * MINUTE)), false);
  assert.equal(clock.learnFrom("SignatureDoesNotMatch", dated(3 * MINUTE)), false);
  assert.equal(clock.learnFrom("RequestTimeTooSkewed", { headers: new Headers() }), false);
  assert.equal(
    clock.learnFrom("RequestTimeTooSkewed", { headers: new Headers({ date: "yesterday" }) }),
    false,
  );
  assert.equal(clock.offsetMs, 0);
});

Deno.test("ClockSkew changes only when the server's time is 4 minutes away from the corrected clock", () => {
  const clock = new ClockSkew();
  assert.equal(clock.learnFrom("RequestTimeTooSkewed", dated(30 * MINUTE)), true);
  assert.equal(clock.learnFrom("RequestTimeTooSkewed", dated(31 * MINUTE)), false);
  assert.equal(clock.learnFrom("RequestTimeTooSkewed", dated(0)), true, "back to no skew");
  assert.ok(Math.abs(clock.offsetMs) < 2_000);
});

Deno.test("ClockSkew trusts neither a cached answer (Age) nor one that took over 15 minutes", () => {
  const clock = new ClockSkew();
  assert.equal(clock.learnFrom("RequestTimeTooSkewed", dated(30 * MINUTE, { age: "12" })), false);
  assert.equal(
    clock.learnFrom("RequestTimeTooSkewed", dated(30 * MINUTE), {
      sentAt: Date.now() - 16 * MINUTE,
    }),
    false,
  );
  assert.equal(
    clock.learnFrom("RequestTimeTooSkewed", dated(30 * MINUTE), { sentAt: Date.now() - 1_000 }),
    true,
  );
});

Deno.test("ClockSkew prefers S3's <ServerTime> in the error body over the Date header", () => {
  const clock = new ClockSkew();
  const serverTime = new Date(Date.now() - 45 * MINUTE).toISOString();
  const errorBody =
    `<Error><Code>RequestTimeTooSkewed</Code><ServerTime>${serverTime}</ServerTime></Error>`;
  assert.equal(clock.learnFrom("RequestTimeTooSkewed", dated(0), { errorBody }), true);
  assert.ok(Math.abs(clock.offsetMs + 45 * MINUTE) < 2_000);
});

Deno.test("ClockSkew.learnFromResponse leaves the response body unread for the caller", async () => {
  const clock = new ClockSkew();
  const body = "<Error><Code>RequestTimeTooSkewed</Code></Error>";
  const response = new Response(body, { status: 403, ...dated(20 * MINUTE) });
  assert.equal(await clock.learnFromResponse(response), true);
  assert.equal(await response.text(), body);
  const serverError = new Response(body, { status: 503, ...dated(40 * MINUTE) });
  assert.equal(await clock.learnFromResponse(serverError), false, "5xx is never a skew answer");
});

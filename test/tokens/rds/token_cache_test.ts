import assert from "node:assert/strict";
import { RdsTokenCache, TokenInputError } from "../../../src/tokens/mod.ts";

const hostname = "prod.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com";
const alice = { accessKeyId: "AKIAALICE", secretAccessKey: "alice-secret" };
const bob = { accessKeyId: "AKIABOB", secretAccessKey: "bob-secret" };
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5);

function clockedCache(options: { expiration?: number; maxEntries?: number } = {}) {
  const clock = { now: T0 };
  return { clock, cache: new RdsTokenCache({ ...options, now: () => clock.now }) };
}

function dateOf(token: string): string {
  return new URLSearchParams(token.split("?")[1]).get("X-Amz-Date")!;
}

Deno.test("RdsTokenCache reuses a token for 870 s by default, within the 60 s margin", async () => {
  const { clock, cache } = clockedCache();
  const request = { hostname, engine: "postgres" as const, username: "app", credentials: alice };
  const first = await cache.token(request);
  assert.ok(first.startsWith(`${hostname}:5432/`));
  clock.now = T0 + 839_000;
  assert.equal(await cache.token(request), first);
  // 870 s reuse, but the token (900 s) would expire within a minute after 840 s.
  clock.now = T0 + 840_000;
  const second = await cache.token(request);
  assert.notEqual(second, first);
  assert.equal(dateOf(second), "20260102T031805Z");
});

Deno.test("RdsTokenCache honours iam_expiration and refreshes after it", async () => {
  const { clock, cache } = clockedCache({ expiration: 600 });
  const request = { hostname, port: 3306, username: "app", credentials: alice };
  const first = await cache.token(request);
  clock.now = T0 + 599_999;
  assert.equal(await cache.token(request), first);
  clock.now = T0 + 600_000;
  assert.notEqual(await cache.token(request), first);
});

Deno.test("RdsTokenCache never hands out a token within 60 s of its credentials' expiry", async () => {
  const { clock, cache } = clockedCache();
  const expiring = { ...alice, expiration: new Date(Date.now() + 3600_000) };
  const request = { hostname, port: 5432, username: "app", credentials: expiring };
  clock.now = expiring.expiration.getTime() - 300_000;
  const first = await cache.token(request);
  clock.now += 239_000;
  assert.equal(await cache.token(request), first);
  clock.now += 1_000; // 60 s before the credentials expire
  assert.notEqual(await cache.token(request), first);
});

Deno.test("RdsTokenCache keys by host, port, user, region and identity", async () => {
  const { cache } = clockedCache();
  const base = { hostname, port: 5432, username: "app", credentials: alice };
  const tokens = new Set([
    await cache.token(base),
    await cache.token({ ...base, credentials: bob }),
    await cache.token({ ...base, credentials: { ...alice, accessKeyId: "AKIAALICE2" } }),
    await cache.token({ ...base, port: 5433 }),
    await cache.token({ ...base, username: "other" }),
    await cache.token({ ...base, iamRegion: "eu-west-2" }),
    await cache.token({ ...base, hostname: hostname.replace("prod", "test") }),
  ]);
  assert.equal(tokens.size, 7);
  assert.equal(cache.size, 7);
  assert.equal(await cache.token({ ...base, credentials: bob }), [...tokens][1]);
  assert.equal(cache.size, 7);
});

Deno.test("RdsTokenCache signs iam_host and iam_default_port instead of the connection's", async () => {
  const { cache } = clockedCache();
  const token = await cache.token({
    hostname: "127.0.0.1",
    port: 15432,
    engine: "postgres",
    iamHost: hostname,
    iamDefaultPort: 5432,
    username: "app",
    credentials: alice,
  });
  assert.ok(token.startsWith(`${hostname}:5432/?Action=connect&DBUser=app&`));
  const noPort = cache.token({ hostname, username: "app", credentials: alice });
  await assert.rejects(noPort, TokenInputError);
});

Deno.test("RdsTokenCache stays bounded, dropping the least recently used token", async () => {
  const { cache } = clockedCache({ maxEntries: 3 });
  const request = (username: string) => ({ hostname, port: 5432, username, credentials: alice });
  const a = await cache.token(request("a"));
  await cache.token(request("b"));
  await cache.token(request("c"));
  assert.equal(await cache.token(request("a")), a); // a is now the most recent
  await cache.token(request("d")); // evicts b
  assert.equal(cache.size, 3);
  assert.equal(await cache.token(request("a")), a);
  for (let i = 0; i < 1000; i++) await cache.token(request(`u${i}`));
  assert.equal(cache.size, 3);
});

Deno.test("RdsTokenCache rejects bad options", () => {
  assert.throws(() => new RdsTokenCache({ expiration: 901 }), TokenInputError);
  assert.throws(() => new RdsTokenCache({ expiration: 0 }), TokenInputError);
  assert.throws(() => new RdsTokenCache({ maxEntries: 0 }), TokenInputError);
});

// The generic OIDC client-credentials token source against a fake OAuth 2.0 token endpoint
// that authenticates the client as RFC 6749 §2.3.1 says, then end to end through
// AssumeRoleWithWebIdentity with the token's RS256 signature verified by the emulator.
import assert from "node:assert/strict";
import { Hono } from "hono";
import { IdentityTokenError, oidcTokenSource } from "../../src/web_identity/mod.ts";
import { cachedTokenSource } from "../../src/_shared/cached_token_source.ts";
import { signJwtRs256, unverifiedJwtClaims } from "../../src/web_identity/jwt.ts";
import { fromWebIdentity } from "../../src/sts/mod.ts";
import { startEmulator } from "../emulator/emulator.ts";
import { serveApp } from "../idp/serve_app.ts";

const CLIENT_ID = "etl:job";
const CLIENT_SECRET = "s3cr3t/CLIENT+SECRET=value";
const ROLE = "arn:aws:iam::123456789012:role/etl";

interface FakeOidc extends AsyncDisposable {
  readonly issuer: string;
  readonly tokenUrl: string;
  readonly jwks: (JsonWebKey & { kid: string })[];
  readonly requests: URLSearchParams[];
}

async function startFakeOidc(): Promise<FakeOidc> {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      hash: "SHA-256",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
    },
    true,
    ["sign", "verify"],
  );
  const jwk = { ...await crypto.subtle.exportKey("jwk", pair.publicKey), kid: "k1" };
  const requests: URLSearchParams[] = [];
  let issuer = "";
  const app = new Hono();
  app.post("/oauth2/token", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    requests.push(form);
    const basic = c.req.header("authorization")?.match(/^Basic (.+)$/)?.[1];
    const [id, secret] = basic === undefined
      ? [form.get("client_id"), form.get("client_secret")]
      : atob(basic).split(":").map(decodeURIComponent);
    if (id !== CLIENT_ID || secret !== CLIENT_SECRET) {
      return c.json(
        { error: "invalid_client", error_description: "Client authentication failed." },
        401,
      );
    }
    if (form.get("grant_type") !== "client_credentials") {
      return c.json({ error: "unsupported_grant_type" }, 400);
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: CLIENT_ID,
      aud: form.get("audience") ?? CLIENT_ID,
      iat: now,
      exp: now + 3600,
    };
    const token = await signJwtRs256(claims, pair.privateKey, { kid: jwk.kid });
    return c.json(
      form.get("scope")?.split(" ").includes("openid")
        ? { id_token: token, access_token: "opaque-access", token_type: "Bearer", expires_in: 3600 }
        : { access_token: token, token_type: "Bearer", expires_in: 3600 },
    );
  });
  const server = await serveApp(app);
  issuer = server.url;
  return {
    issuer,
    tokenUrl: `${issuer}/oauth2/token`,
    jwks: [jwk],
    requests,
    [Symbol.asyncDispose]: server.close,
  };
}

Deno.test("oidcTokenSource authenticates with HTTP Basic and returns the access token JWT", async () => {
  await using idp = await startFakeOidc();
  const source = oidcTokenSource({
    tokenUrl: idp.tokenUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    audience: "sts.amazonaws.com",
  });
  const token = await source();
  assert.equal(unverifiedJwtClaims(token)?.aud, "sts.amazonaws.com");
  assert.equal(await source(), token, "cached until 5 minutes before exp");
  assert.equal(idp.requests.length, 1);
  assert.equal(idp.requests[0].get("client_secret"), null, "the secret is not in the body");
});

Deno.test("oidcTokenSource with client_secret_post and scope openid returns the id_token", async () => {
  await using idp = await startFakeOidc();
  const token = await oidcTokenSource({
    tokenUrl: idp.tokenUrl,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    scope: "openid",
    clientAuthentication: "post",
  })();
  assert.equal(unverifiedJwtClaims(token)?.sub, CLIENT_ID);
  assert.equal(idp.requests[0].get("client_secret"), CLIENT_SECRET);
});

Deno.test("fromWebIdentity with oidcTokenSource gets credentials for a signature-checked token", async () => {
  await using idp = await startFakeOidc();
  await using emulator = await startEmulator();
  emulator.state.addRole({ arn: ROLE });
  emulator.state.addOidcProvider({
    issuer: idp.issuer,
    audience: "sts.amazonaws.com",
    publicKeys: idp.jwks,
  });
  const credentials = await fromWebIdentity({
    roleArn: ROLE,
    roleSessionName: "etl",
    webIdentityToken: oidcTokenSource({
      tokenUrl: idp.tokenUrl,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      audience: "sts.amazonaws.com",
    }),
    endpoint: emulator.url,
    region: "us-east-1",
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(emulator.state.stsCalls[0].action, "AssumeRoleWithWebIdentity");
});

Deno.test("a refused client secret is an IdentityTokenError that does not contain it", async () => {
  await using idp = await startFakeOidc();
  const wrongSecret = "WRONG-secret-9f8e7d";
  const error = await oidcTokenSource({
    tokenUrl: idp.tokenUrl,
    clientId: CLIENT_ID,
    clientSecret: wrongSecret,
  })().then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof IdentityTokenError);
  assert.equal(error.status, 401);
  assert.equal(error.source, "oidc");
  assert.match(error.message, /invalid_client \(Client authentication failed\.\)/);
  assert.ok(!error.message.includes(wrongSecret));
  assert.ok(!JSON.stringify(error).includes(wrongSecret));
});

Deno.test("an endpoint that echoes a token in its error description has it removed", async () => {
  const token = await oidcTokenSource({
    tokenUrl: "http://127.0.0.1:1/token",
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch: () =>
      Promise.resolve(Response.json({
        error: "invalid_request",
        error_description: "bad token eyJhbGciOiJSUzI1.eyJzdWIiOiJ4In0xx.c2lnbmF0dXJlX19f here",
      }, { status: 400 })),
  })().then(() => undefined, (e: unknown) => e);
  assert.ok(token instanceof IdentityTokenError);
  assert.match(token.message, /bad token \[token\] here/);
});

Deno.test("cachedTokenSource renews a token 5 minutes before it expires, and retries after a failure", async () => {
  let now = 1_000_000;
  let calls = 0;
  let fail = false;
  const source = cachedTokenSource(() => {
    calls++;
    if (fail) return Promise.reject(new Error("endpoint down"));
    return Promise.resolve({ token: `t${calls}`, expiresAt: now + 10 * 60_000 });
  }, () => now);
  assert.equal(await source(), "t1");
  now += 4 * 60_000;
  assert.equal(await source(), "t1");
  now += 60_001;
  assert.equal(await source(), "t2");
  now += 6 * 60_000;
  fail = true;
  await assert.rejects(source(), /endpoint down/);
  fail = false;
  assert.equal(await source(), "t4");
  const noExpiry = cachedTokenSource(() => Promise.resolve({ token: `n${++calls}` }));
  assert.notEqual(await noExpiry(), await noExpiry(), "a token without expiry is not reused");
});

Deno.test("cachedTokenSource shares one request among concurrent callers, also without an expiry", async () => {
  let calls = 0;
  const slow = (expiresAt?: number) => async () => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { token: `t${calls}`, expiresAt };
  };
  const withExpiry = cachedTokenSource(slow(Date.now() + 60 * 60_000));
  const first = await Promise.all(Array.from({ length: 100 }, () => withExpiry()));
  assert.ok(first.every((token) => token === "t1"));
  assert.equal(calls, 1);
  const noExpiry = cachedTokenSource(slow());
  const second = await Promise.all(Array.from({ length: 100 }, () => noExpiry()));
  assert.ok(second.every((token) => token === "t2"), "one request for the concurrent callers");
  assert.equal(await noExpiry(), "t3", "and a new one for the next call");
});

Deno.test("cachedTokenSource does not serve a token that arrives inside the refresh window twice", async () => {
  const now = 1_000_000;
  let calls = 0;
  const source = cachedTokenSource(() => {
    calls++;
    return Promise.resolve({ token: `t${calls}`, expiresAt: now + 4 * 60_000 });
  }, () => now);
  assert.equal(await source(), "t1");
  assert.equal(await source(), "t2", "4 minutes left: renewed on every call, no pause");
});

// npm:pg takes rdsAuthToken as its password function and hands the token to a local fake
// PostgreSQL server, which verifies it as RDS would: a presigned rds-db connect URL for the
// endpoint and the user of the connection.
import assert from "node:assert/strict";
import pg from "pg";
import { rdsAuthToken, RdsTokenCache } from "../../../src/tokens/mod.ts";
import { startFakePostgres } from "./fake_postgres.ts";
import {
  RDS_CREDENTIALS as credentials,
  RDS_ENDPOINT as endpoint,
  tokensFor,
} from "./driver_fixtures.ts";

Deno.test("npm:pg connects with an rdsAuthToken password function", async () => {
  const server = await startFakePostgres(tokensFor(5432));
  try {
    for (const user of ["app", "ユーザー o'brien"]) {
      const client = new pg.Client({
        host: "127.0.0.1",
        port: server.port,
        user,
        database: "postgres",
        // The token is signed for the RDS endpoint (as through a tunnel or proxy).
        password: () =>
          rdsAuthToken({ hostname: endpoint, port: 5432, username: user, credentials }),
      });
      await client.connect();
      await client.end();
    }
    assert.deepEqual(server.logins, [
      { user: "app", ok: true, reason: undefined },
      { user: "ユーザー o'brien", ok: true, reason: undefined },
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("npm:pg with RdsTokenCache reuses the token across connections", async () => {
  const server = await startFakePostgres(tokensFor(5432));
  const cache = new RdsTokenCache();
  const seen: string[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const client = new pg.Client({
        host: "127.0.0.1",
        port: server.port,
        user: "app",
        password: async () => {
          const token = await cache.token({
            hostname: "127.0.0.1",
            iamHost: endpoint,
            engine: "postgres",
            username: "app",
            credentials,
          });
          seen.push(token);
          return token;
        },
      });
      await client.connect();
      await client.end();
    }
    assert.equal(new Set(seen).size, 1);
    assert.equal(server.logins.filter((login) => login.ok).length, 3);
  } finally {
    await server.close();
  }
});

Deno.test("npm:pg reports the server's refusal of a token signed with the wrong key", async () => {
  const server = await startFakePostgres(tokensFor(5432, "a-different-secret"));
  try {
    const client = new pg.Client({
      host: "127.0.0.1",
      port: server.port,
      user: "app",
      password: () =>
        rdsAuthToken({ hostname: endpoint, port: 5432, username: "app", credentials }),
    });
    await assert.rejects(client.connect(), /PAM authentication failed for user "app"/);
    await client.end().catch(() => {});
    assert.deepEqual(server.logins.map((login) => login.ok), [false]);
  } finally {
    await server.close();
  }
});

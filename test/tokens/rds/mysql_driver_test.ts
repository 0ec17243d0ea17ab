// npm:mysql2 hands an rdsAuthToken to a local fake MySQL server through the
// mysql_clear_password plugin, which verifies it as RDS would: a presigned rds-db connect
// URL for the endpoint and the user of the handshake. Real RDS only takes cleartext tokens
// over TLS (pass `ssl`); the fake server on 127.0.0.1 does without.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import mysql from "mysql2/promise";
import { rdsAuthToken } from "../../../src/tokens/mod.ts";
import { startFakeMysql } from "./fake_mysql.ts";
import {
  RDS_CREDENTIALS as credentials,
  RDS_ENDPOINT as endpoint,
  tokensFor,
} from "./driver_fixtures.ts";

Deno.test("npm:mysql2 connects with an rdsAuthToken as its cleartext password", async () => {
  const server = await startFakeMysql(tokensFor(3306));
  try {
    for (const user of ["app", "ユーザー o'brien"]) {
      // The token is signed for the RDS endpoint (as through a tunnel or proxy).
      const token = await rdsAuthToken({
        hostname: endpoint,
        port: 3306,
        username: user,
        credentials,
      });
      const connection = await mysql.createConnection({
        host: "127.0.0.1",
        port: server.port,
        user,
        password: token,
        enableCleartextPlugin: true,
      });
      await connection.end();
    }
    assert.deepEqual(server.logins, [
      { user: "app", ok: true, reason: undefined },
      { user: "ユーザー o'brien", ok: true, reason: undefined },
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("npm:mysql2 takes a fresh token from a mysql_clear_password auth plugin", async () => {
  const server = await startFakeMysql(tokensFor(3306));
  try {
    const connection = await mysql.createConnection({
      host: "127.0.0.1",
      port: server.port,
      user: "app",
      authPlugins: {
        mysql_clear_password: () => async () =>
          Buffer.from(
            await rdsAuthToken({ hostname: endpoint, port: 3306, username: "app", credentials }) +
              "\0",
          ),
      },
    });
    await connection.end();
    assert.deepEqual(server.logins.map((login) => login.ok), [true]);
  } finally {
    await server.close();
  }
});

Deno.test("npm:mysql2 reports the server's refusal of a token signed with the wrong key", async () => {
  const server = await startFakeMysql(tokensFor(3306, "a-different-secret"));
  try {
    const token = await rdsAuthToken({
      hostname: endpoint,
      port: 3306,
      username: "app",
      credentials,
    });
    await assert.rejects(
      mysql.createConnection({
        host: "127.0.0.1",
        port: server.port,
        user: "app",
        password: token,
        enableCleartextPlugin: true,
      }),
      (error: { code?: string; errno?: number; sqlState?: string; message: string }) => {
        assert.equal(error.code, "ER_ACCESS_DENIED_ERROR");
        assert.equal(error.errno, 1045);
        assert.equal(error.sqlState, "28000");
        assert.match(error.message, /Access denied for user 'app'/);
        return true;
      },
    );
    assert.deepEqual(server.logins.map((login) => login.ok), [false]);
  } finally {
    await server.close();
  }
});

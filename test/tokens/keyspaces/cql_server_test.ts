// keyspacesAuthProvider drives cassandra-driver's own connection handshake against a tiny
// CQL native-protocol (v4) server on 127.0.0.1: STARTUP → AUTHENTICATE → AUTH_RESPONSE
// "SigV4\0\0" → AUTH_CHALLENGE nonce → AUTH_RESPONSE signature → AUTH_SUCCESS, the server
// checking the signature with aws-sigv4-auth-cassandra-plugin's signing function.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import cassandra from "cassandra-driver";
import Connection from "cassandra-driver/lib/connection.js";
import clientOptions from "cassandra-driver/lib/client-options.js";
import signature from "aws-sigv4-auth-cassandra-plugin/lib/sigv4-auth-signature.js";
import {
  keyspacesAuthProvider,
  type KeyspacesAuthProviderOptions,
} from "../../../src/tokens/mod.ts";
import { startTcpServer, type TcpServer } from "../tcp_server.ts";

const OPCODE = {
  error: 0x00,
  startup: 0x01,
  ready: 0x02,
  authenticate: 0x03,
  authChallenge: 0x0e,
  authResponse: 0x0f,
  authSuccess: 0x10,
};
const SECRETS: Record<string, string> = { AKIDKEYSPACES: "keyspaces-secret" };
const REGION = "us-east-2";

function frame(stream: number, opcode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(9);
  header.writeUInt8(0x84, 0);
  header.writeUInt8(0, 1);
  header.writeInt16BE(stream, 2);
  header.writeUInt8(opcode, 4);
  header.writeInt32BE(body.length, 5);
  return Buffer.concat([header, body]);
}

const shortString = (text: string) => {
  const bytes = Buffer.from(text, "utf8");
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
};
const longBytes = (bytes: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};
const errorBody = (code: number, message: string) => {
  const head = Buffer.alloc(4);
  head.writeInt32BE(code);
  return Buffer.concat([head, shortString(message)]);
};

/** Checks an AUTH_RESPONSE answer as Keyspaces would: recompute, then compare. */
function answerIsValid(answer: string, nonce: string): boolean {
  const fields = Object.fromEntries(
    answer.split(",").map((
      field,
    ) => [field.slice(0, field.indexOf("=")), field.slice(field.indexOf("=") + 1)]),
  );
  const secret = SECRETS[fields.access_key];
  if (secret === undefined) return false;
  const expected = signature.computeSigV4SignatureCassandraRequest({
    region: REGION,
    nonce,
    date: new Date(fields.amzdate),
    accessKeyId: fields.access_key,
    secretAccessKey: secret,
    sessionToken: fields.session_token,
  });
  return expected === answer;
}

async function startCqlServer(): Promise<TcpServer & { log: string[] }> {
  const log: string[] = [];
  const server = await startTcpServer((socket) => {
    let pending = Buffer.alloc(0);
    let nonce = "";
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 9 && pending.length >= 9 + pending.readInt32BE(5)) {
        const stream = pending.readInt16BE(2);
        const opcode = pending.readUInt8(4);
        const body = pending.subarray(9, 9 + pending.readInt32BE(5));
        pending = pending.subarray(9 + body.length);
        if (opcode === OPCODE.startup) {
          log.push("STARTUP");
          socket.write(
            frame(
              stream,
              OPCODE.authenticate,
              shortString("com.amazonaws.cassandra.auth.SigV4Authenticator"),
            ),
          );
        } else if (opcode === OPCODE.authResponse) {
          const token = body.subarray(4, 4 + body.readInt32BE(0));
          if (nonce === "") {
            log.push("AUTH_RESPONSE " + JSON.stringify(token.toString("utf8")));
            nonce = crypto.randomUUID().replaceAll("-", "");
            socket.write(
              frame(stream, OPCODE.authChallenge, longBytes(Buffer.from("nonce=" + nonce))),
            );
          } else if (answerIsValid(token.toString("utf8"), nonce)) {
            log.push("AUTH_SUCCESS");
            socket.write(frame(stream, OPCODE.authSuccess, longBytes(Buffer.alloc(0))));
          } else {
            log.push("BAD_CREDENTIALS");
            socket.write(
              frame(
                stream,
                OPCODE.error,
                errorBody(0x0100, "Provided username and/or password are incorrect"),
              ),
            );
          }
        } else {
          socket.write(
            frame(stream, OPCODE.error, errorBody(0x000a, "unexpected opcode " + opcode)),
          );
        }
      }
    });
  });
  return { ...server, log };
}

async function handshake(
  port: number,
  provider: Omit<KeyspacesAuthProviderOptions, "driverAuth">,
): Promise<void> {
  const options = clientOptions.extend({
    contactPoints: ["127.0.0.1"],
    localDataCenter: "dc1",
    authProvider: keyspacesAuthProvider({ ...provider, driverAuth: cassandra.auth }),
  });
  const connection = new Connection(`127.0.0.1:${port}`, 4, options);
  try {
    await connection.openAsync();
  } finally {
    await connection.closeAsync();
  }
}

Deno.test("cassandra-driver authenticates to a SigV4 CQL server through keyspacesAuthProvider", async () => {
  const server = await startCqlServer();
  try {
    await handshake(
      server.port,
      {
        credentials: {
          accessKeyId: "AKIDKEYSPACES",
          secretAccessKey: "keyspaces-secret",
          sessionToken: "TOKEN",
        },
        region: REGION,
      },
    );
    assert.deepEqual(server.log, [
      "STARTUP",
      'AUTH_RESPONSE "SigV4\\u0000\\u0000"',
      "AUTH_SUCCESS",
    ]);
  } finally {
    await server.close();
  }
});

Deno.test("cassandra-driver reports an AuthenticationError for a wrong secret", async () => {
  const server = await startCqlServer();
  try {
    await assert.rejects(
      handshake(
        server.port,
        {
          credentials: { accessKeyId: "AKIDKEYSPACES", secretAccessKey: "wrong" },
          region: REGION,
        },
      ),
      (error: Error) => error.name === "AuthenticationError",
    );
    assert.deepEqual(server.log.at(-1), "BAD_CREDENTIALS");
  } finally {
    await server.close();
  }
});

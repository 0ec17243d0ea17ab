// A tiny MySQL server for driver tests: it speaks just enough of the client/server protocol
// to take an RDS IAM token the way RDS does for a user IDENTIFIED WITH
// AWSAuthenticationPlugin: a HandshakeV10 offering mysql_native_password, then, after the
// client's HandshakeResponse41, an AuthSwitchRequest to mysql_clear_password. It checks the
// cleartext password with verifySignature as a presigned URL and answers an OK packet or an
// ERR packet (1045, SQLSTATE 28000, as RDS answers a bad token). Real RDS requires TLS for
// cleartext tokens; this server runs on 127.0.0.1 without it.
import { Buffer } from "node:buffer";
import { type RdsTokenExpectation, rdsTokenProblem } from "./token_check.ts";
import { startTcpServer } from "../tcp_server.ts";

/** What the fake server expects of the tokens it is handed. */
export type FakeMysqlOptions = RdsTokenExpectation;

export interface FakeMysql {
  port: number;
  /** What each connection presented: the handshake user and whether its token verified. */
  logins: { user: string; ok: boolean; reason?: string }[];
  close(): Promise<void>;
}

// Capability flags (include/mysql_com.h).
const CLIENT_LONG_PASSWORD = 0x1;
const CLIENT_PROTOCOL_41 = 0x200;
const CLIENT_TRANSACTIONS = 0x2000;
const CLIENT_SECURE_CONNECTION = 0x8000;
const CLIENT_PLUGIN_AUTH = 0x80000;
const SERVER_CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS |
  CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;
const SERVER_STATUS_AUTOCOMMIT = 0x2;
const UTF8MB4_GENERAL_CI = 45;
const COM_QUIT = 0x01;

export async function startFakeMysql(options: FakeMysqlOptions): Promise<FakeMysql> {
  const logins: FakeMysql["logins"] = [];
  let connectionId = 0;
  const server = await startTcpServer((socket) => {
    socket.on("error", () => {});
    let buffer = Buffer.alloc(0);
    let state: "handshake" | "password" | "command" = "handshake";
    let user = "";
    const scramble = Buffer.from("0123456789abcdefghij"); // 20 bytes; unused by cleartext
    socket.write(packet(0, handshakeV10(++connectionId, scramble)));
    socket.on("data", async (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUIntLE(0, 3)) {
        const length = buffer.readUIntLE(0, 3);
        const sequence = buffer[3];
        const payload = buffer.subarray(4, 4 + length);
        buffer = buffer.subarray(4 + length);
        if (state === "handshake") {
          // HandshakeResponse41: flags(4) max packet(4) charset(1) filler(23) user\0 ...
          const end = payload.indexOf(0, 32);
          user = payload.subarray(32, end).toString("utf8");
          state = "password";
          socket.write(
            packet(
              sequence + 1,
              Buffer.concat([
                Buffer.from([0xfe]),
                Buffer.from("mysql_clear_password\0", "latin1"),
                scramble,
                Buffer.from([0]),
              ]),
            ),
          );
        } else if (state === "password") {
          // AuthSwitchResponse: the cleartext password, NUL-terminated.
          const end = payload.indexOf(0);
          const token = payload.subarray(0, end === -1 ? payload.length : end).toString("utf8");
          const problem = await rdsTokenProblem(token, user, options);
          const reason = problem &&
            `Access denied for user '${user}'@'127.0.0.1' (using password: YES)`;
          logins.push({ user, ok: reason === undefined, reason });
          if (reason === undefined) {
            state = "command";
            socket.write(packet(sequence + 1, okPayload()));
          } else {
            socket.end(packet(sequence + 1, errPayload(1045, "28000", reason)));
          }
        } else if (payload[0] === COM_QUIT) {
          return void socket.end();
        } else {
          socket.write(packet(1, errPayload(1047, "08S01", "Unknown command")));
        }
      }
    });
  });
  return { ...server, logins };
}

function handshakeV10(connectionId: number, scramble: Buffer): Buffer {
  const fixed = Buffer.alloc(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10);
  let offset = 0;
  offset = fixed.writeUInt32LE(connectionId, offset);
  offset += scramble.copy(fixed, offset, 0, 8);
  offset = fixed.writeUInt8(0, offset); // filler
  offset = fixed.writeUInt16LE(SERVER_CAPABILITIES & 0xffff, offset);
  offset = fixed.writeUInt8(UTF8MB4_GENERAL_CI, offset);
  offset = fixed.writeUInt16LE(SERVER_STATUS_AUTOCOMMIT, offset);
  offset = fixed.writeUInt16LE(SERVER_CAPABILITIES >>> 16, offset);
  fixed.writeUInt8(scramble.length + 1, offset); // auth-plugin-data length; 10 reserved zeros
  return Buffer.concat([
    Buffer.from([10]), // protocol version
    Buffer.from("8.0.40-fake-rds\0", "latin1"),
    fixed,
    scramble.subarray(8),
    Buffer.from([0]),
    Buffer.from("mysql_native_password\0", "latin1"),
  ]);
}

function okPayload(): Buffer {
  // 0x00, affected rows 0, last insert id 0, status flags, warnings.
  return Buffer.from([0x00, 0x00, 0x00, SERVER_STATUS_AUTOCOMMIT, 0x00, 0x00, 0x00]);
}

function errPayload(code: number, sqlState: string, message: string): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(0xff, 0);
  head.writeUInt16LE(code, 1);
  return Buffer.concat([head, Buffer.from("#" + sqlState, "latin1"), Buffer.from(message)]);
}

function packet(sequence: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(payload.length, 0, 3);
  header.writeUInt8(sequence & 0xff, 3);
  return Buffer.concat([header, payload]);
}

// A tiny PostgreSQL server for driver tests: it speaks just enough of the v3 protocol to
// ask for a cleartext password (the way RDS asks for an IAM token), checks the token with
// verifySignature as a presigned URL, and answers AuthenticationOk + ReadyForQuery or an
// ErrorResponse (SQLSTATE 28P01, as RDS answers a bad token).
import { Buffer } from "node:buffer";
import { type RdsTokenExpectation, rdsTokenProblem } from "./token_check.ts";
import { startTcpServer } from "../tcp_server.ts";

/** What the fake server expects of the tokens it is handed. */
export type FakePostgresOptions = RdsTokenExpectation;

export interface FakePostgres {
  port: number;
  /** What each connection presented: the startup user and whether its token verified. */
  logins: { user: string; ok: boolean; reason?: string }[];
  close(): Promise<void>;
}

export async function startFakePostgres(options: FakePostgresOptions): Promise<FakePostgres> {
  const logins: FakePostgres["logins"] = [];
  const server = await startTcpServer((socket) => {
    let buffer = Buffer.alloc(0);
    let user = "";
    let started = false;
    socket.on("data", async (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (true) {
        if (!started) {
          // StartupMessage: Int32 length, Int32 protocol 3.0, then key\0value\0 pairs, \0.
          if (buffer.length < 4 || buffer.length < buffer.readInt32BE(0)) return;
          const length = buffer.readInt32BE(0);
          const fields = buffer.subarray(8, length - 1).toString("utf8").split("\0");
          for (let i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i] === "user") user = fields[i + 1];
          }
          buffer = buffer.subarray(length);
          started = true;
          socket.write(message("R", int32(3))); // AuthenticationCleartextPassword
          continue;
        }
        if (buffer.length < 5 || buffer.length < 1 + buffer.readInt32BE(1)) return;
        const type = String.fromCharCode(buffer[0]);
        const body = buffer.subarray(5, 1 + buffer.readInt32BE(1));
        buffer = buffer.subarray(1 + buffer.readInt32BE(1));
        if (type === "X") return void socket.end();
        if (type !== "p") continue;
        const token = body.subarray(0, body.length - 1).toString("utf8");
        const problem = await rdsTokenProblem(token, user, options);
        const reason = problem && `PAM authentication failed for user "${user}" (${problem})`;
        logins.push({ user, ok: reason === undefined, reason });
        if (reason === undefined) {
          socket.write(Buffer.concat([message("R", int32(0)), message("Z", Buffer.from("I"))]));
        } else {
          socket.end(message("E", errorFields(reason)));
        }
      }
    });
  });
  return { ...server, logins };
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

function message(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}

function errorFields(text: string): Buffer {
  return Buffer.from(`SFATAL\0VFATAL\0C28P01\0M${text}\0\0`, "utf8");
}

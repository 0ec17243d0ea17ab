/**
 * Starts `moto_server` (Python moto, an AWS emulator nobody here wrote) on a free loopback
 * port. With `checkSignatures` it is started with `INITIAL_NO_AUTH_ACTION_COUNT=3`: the first
 * three calls (unchecked) create an IAM user, an allow-all inline policy and an access key,
 * and from then on moto recomputes every request's SigV4 signature with botocore's signer
 * and refuses a wrong one. Recipe: `shared/notes/moto.md`.
 *
 * Moto's own limits with checking on (botocore's requests fail the same way): S3 keys and
 * queries with percent-encoded characters fail its check, presigned URLs answer 500, and
 * unsigned calls (AssumeRoleWithWebIdentity, AssumeRoleWithSAML, Cognito GetId) answer 500;
 * run those against a server started without `checkSignatures`, then turn its checking on
 * with {@linkcode MotoServer.startChecking}: a moto server knows only the keys it issued
 * itself, so another server would refuse them as `InvalidClientTokenId`.
 *
 * @module
 */
import type { Credentials } from "../../src/sigv4/credentials.ts";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { findProgram, freePort } from "../find_program.ts";

/** A running moto server; dispose it (or call `close`) to stop it. */
export interface MotoServer extends AsyncDisposable {
  /** Its origin, `http://127.0.0.1:<port>`: the endpoint of every service. */
  readonly endpoint: string;
  /**
   * With `checkSignatures`: an access key of an IAM user allowed everything, which moto
   * accepts. Without: any key (moto checks none).
   */
  readonly credentials: Credentials;
  /** The account moto answers for. */
  readonly accountId: string;
  /** The user name of `credentials` (`iamfetch-moto` when signatures are checked). */
  readonly userName: string;
  /**
   * From now on, check every signature (moto's `POST /moto-api/reset-auth` with 0 unchecked
   * actions left), e.g. after unsigned calls made on a server started without
   * `checkSignatures`.
   */
  startChecking(): Promise<void>;
  /** What moto wrote so far (its request log and tracebacks), for failure messages. */
  log(): string;
  /** Stops the server. Safe to call twice. */
  close(): Promise<void>;
}

/** How to start moto. */
export interface MotoServerOptions {
  /** Check every signature with botocore's signer (after three unchecked setup calls). */
  readonly checkSignatures: boolean;
}

const USER = "iamfetch-moto";
const ALLOW_ALL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});
const UNCHECKED = { accessKeyId: "AKIAUNCHECKEDSETUP00", secretAccessKey: "unchecked" };

/** Starts `moto_server` (found on PATH); throws an `Error` saying how to install it when it is missing. */
export async function startMoto(options: MotoServerOptions): Promise<MotoServer> {
  const program = await findProgram("moto_server", "pip install 'moto[server]'");
  const port = freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(program, {
    args: ["-H", "127.0.0.1", "-p", String(port)],
    env: {
      TEST_SERVER_MODE: "true",
      ...(options.checkSignatures ? { INITIAL_NO_AUTH_ACTION_COUNT: "3" } : {}),
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const keep = (stream: ReadableStream<Uint8Array>) =>
    stream.pipeThrough(new TextDecoderStream()).pipeTo(
      new WritableStream({ write: (chunk) => void (output = (output + chunk).slice(-20_000)) }),
    ).catch(() => {});
  const drained = Promise.all([keep(child.stdout), keep(child.stderr)]);
  let closed: Promise<void> | undefined;
  const close = () =>
    closed ??= (async () => {
      try {
        child.kill("SIGTERM");
      } catch {
        // Already exited.
      }
      await child.status;
      await drained;
    })();
  try {
    await waitUntilReady(endpoint, () => output);
    const credentials = options.checkSignatures ? await createUserKey(endpoint) : UNCHECKED;
    return {
      endpoint,
      credentials,
      accountId: "123456789012",
      userName: options.checkSignatures ? USER : "moto",
      log: () => output,
      startChecking: () => resetAuth(endpoint, 0),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function waitUntilReady(endpoint: string, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const answer = await fetch(`${endpoint}/moto-api/`).catch(() => undefined);
    if (answer) {
      await answer.body?.cancel();
      if (answer.ok) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer on ${endpoint} within 30 s:\n${log()}`);
}

async function resetAuth(endpoint: string, uncheckedActions: number): Promise<void> {
  const answer = await fetch(`${endpoint}/moto-api/reset-auth`, {
    method: "POST",
    body: String(uncheckedActions),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`moto reset-auth: ${answer.status} ${text}`);
}

// The three unchecked actions: CreateUser, PutUserPolicy, CreateAccessKey.
async function createUserKey(endpoint: string): Promise<Credentials> {
  const iam = new SigV4Signer({ credentials: UNCHECKED, region: "us-east-1", service: "iam" });
  const call = async (params: Record<string, string>) => {
    const body = new URLSearchParams({ ...params, Version: "2010-05-08" }).toString();
    const request = await iam.sign(
      new Request(`${endpoint}/`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body,
      }),
    );
    const answer = await fetch(request);
    const text = await answer.text();
    if (!answer.ok) throw new Error(`moto IAM ${params.Action}: ${answer.status} ${text}`);
    return text;
  };
  await call({ Action: "CreateUser", UserName: USER });
  await call({
    Action: "PutUserPolicy",
    UserName: USER,
    PolicyName: "allow-all",
    PolicyDocument: ALLOW_ALL,
  });
  const created = await call({ Action: "CreateAccessKey", UserName: USER });
  const accessKeyId = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(created)?.[1];
  const secretAccessKey = /<SecretAccessKey>([^<]+)<\/SecretAccessKey>/.exec(created)?.[1];
  if (!accessKeyId || !secretAccessKey) throw new Error("moto CreateAccessKey: no key in answer");
  return { accessKeyId, secretAccessKey };
}

/**
 * Uploads a file to an S3-style endpoint with the credentials of a profile of the shared
 * AWS files, as `aws s3 cp <file> s3://<bucket>/<key> --profile <name>` would, then reads it
 * back and checks that the bytes match.
 *
 * The upload is signed with `signStreaming` (`aws-chunked`, every 64 KiB chunk signed), so
 * the file is streamed from disk and never held in memory, whatever its size. The profile
 * may hold keys or assume a role (`role_arn` + `source_profile`); `AWS_SHARED_CREDENTIALS_FILE`
 * and `AWS_CONFIG_FILE` are honoured.
 *
 * ```sh
 * deno run -A examples/deno/upload.ts ./big.bin --bucket my-bucket --profile dev
 * deno run -A examples/deno/upload.ts ./big.bin --bucket my-bucket --profile dev \
 *   --endpoint-url http://127.0.0.1:9000/s3 --sts-endpoint-url http://127.0.0.1:9000
 * ```
 *
 * Outside this repository, import from `jsr:@iamfetch/iamfetch/<layer>` instead of `src/`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";
import { refreshing } from "../../src/credentials/mod.ts";
import { readErrorCode } from "../../src/http/mod.ts";
import { signStreaming, SigV4Signer } from "../../src/sigv4/mod.ts";
import { fromIni, StsClient } from "../../src/sts/mod.ts";

const USAGE = `usage: upload.ts <file> --bucket <bucket> [--key <key>] [--profile <name>]
                 [--region <region>] [--endpoint-url <url>] [--sts-endpoint-url <url>]`;

/** What the command line asks for. */
interface UploadArgs {
  file: string;
  bucket: string;
  key: string;
  profile?: string;
  region: string;
  endpointUrl?: string;
  stsEndpointUrl?: string;
}

function parseUploadArgs(args: string[]): UploadArgs {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      bucket: { type: "string" },
      key: { type: "string" },
      profile: { type: "string" },
      region: { type: "string" },
      "endpoint-url": { type: "string" },
      "sts-endpoint-url": { type: "string" },
    },
  });
  const [file] = positionals;
  if (positionals.length !== 1 || file === undefined || values.bucket === undefined) {
    throw new TypeError(USAGE);
  }
  return {
    file,
    bucket: values.bucket,
    key: values.key ?? file.split(/[\\/]/).pop()!,
    profile: values.profile,
    region: values.region ?? Deno.env.get("AWS_REGION") ?? "us-east-1",
    endpointUrl: values["endpoint-url"],
    stsEndpointUrl: values["sts-endpoint-url"],
  };
}

/** Path-style `<endpoint>/<bucket>/<key>` with an endpoint, else the bucket's virtual host. */
function objectUrl(args: UploadArgs): URL {
  const key = args.key.split("/").map(encodeURIComponent).join("/");
  if (args.endpointUrl === undefined) {
    return new URL(`https://${args.bucket}.s3.${args.region}.amazonaws.com/${key}`);
  }
  return new URL(`${args.endpointUrl.replace(/\/+$/, "")}/${args.bucket}/${key}`);
}

/** A pass-through stream that feeds every chunk into `hash` on its way. */
function hashing(hash: ReturnType<typeof createHash>): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk);
      controller.enqueue(chunk);
    },
  });
}

async function failure(what: string, response: Response): Promise<Error> {
  const code = await readErrorCode(response) ?? "no error code";
  return new Error(`${what} failed: HTTP ${response.status} ${code}`);
}

/** The message of `error` and of each of its causes. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? error.message : `${error.message} ← ${describe(error.cause)}`;
}

const show = (label: string, value: string) => console.log(`${label.padEnd(10)} ${value}`);

async function upload(args: UploadArgs): Promise<boolean> {
  // Without --sts-endpoint-url, STS is where the profile says (endpoint_url,
  // AWS_ENDPOINT_URL_STS, …), else the regional endpoint.
  const sts = { region: args.region, endpoint: args.stsEndpointUrl, profile: args.profile };
  // role_arn profiles call STS AssumeRole with their source_profile's keys; `refreshing`
  // makes that one call, however many requests sign with the credentials.
  const credentials = refreshing(fromIni(sts));
  const caller = await new StsClient({ ...sts, credentials }).getCallerIdentity();
  show("caller", caller.arn);

  const signer = new SigV4Signer({ credentials, region: args.region, service: "s3" });
  const url = objectUrl(args);
  const { size } = await Deno.stat(args.file);
  const file = await Deno.open(args.file);
  const sent = createHash("sha256");
  const started = performance.now();
  const put = await signStreaming(
    signer,
    new Request(url, { method: "PUT", body: file.readable.pipeThrough(hashing(sent)) }),
    { decodedLength: size },
  );
  const stored = await fetch(put);
  if (!stored.ok) throw await failure(`PUT ${url}`, stored);
  await stored.body?.cancel();
  const seconds = (performance.now() - started) / 1000;
  const mib = size / (1024 * 1024);
  show("uploaded", `${args.file} → s3://${args.bucket}/${args.key}`);
  show("size", `${size} bytes, aws-chunked, ${(mib / seconds).toFixed(1)} MiB/s`);
  show("etag", stored.headers.get("etag") ?? "(none)");

  const got = await fetch(await signer.sign(new Request(url)));
  if (!got.ok || got.body === null) throw await failure(`GET ${url}`, got);
  const received = createHash("sha256");
  let length = 0;
  for await (const chunk of got.body) {
    received.update(chunk);
    length += chunk.byteLength;
  }
  const [sentHash, receivedHash] = [sent.digest("hex"), received.digest("hex")];
  const same = length === size && sentHash === receivedHash;
  show("read back", `${length} bytes, sha256 ${receivedHash}`);
  show("result", same ? "identical" : `DIFFERENT (sent sha256 ${sentHash})`);
  return same;
}

if (import.meta.main) {
  try {
    Deno.exit(await upload(parseUploadArgs(Deno.args)) ? 0 : 1);
  } catch (error) {
    // The library's errors (and their causes) name what failed and never include a secret.
    console.error(`upload failed: ${describe(error)}`);
    Deno.exit(1);
  }
}

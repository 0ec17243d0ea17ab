/**
 * Private keys made by `openssl` (found on PATH), in every PEM form CloudFront users hold:
 * RSA 2048 as PKCS#1 (`BEGIN RSA PRIVATE KEY`) and PKCS#8 (`BEGIN PRIVATE KEY`), EC P-256 as
 * SEC 1 (with its `EC PARAMETERS` block, as `openssl ecparam -genkey` writes it) and PKCS#8,
 * plus the public keys, and the forms CloudFront cannot use (P-384, Ed25519, encrypted).
 * Made once per test process, in a temporary directory removed afterwards.
 *
 * @module
 */
import { findProgram } from "../../find_program.ts";

/** The keys, as PEM text. */
export interface OpensslKeys {
  readonly rsaPkcs1: string;
  readonly rsaPkcs8: string;
  readonly rsaPublic: string;
  readonly ecSec1: string;
  readonly ecPkcs8: string;
  readonly ecPublic: string;
  readonly ecP384: string;
  readonly ed25519: string;
  readonly rsaEncrypted: string;
  readonly rsaLegacyEncrypted: string;
}

/** Runs `openssl` with `args` in `dir` and returns its stdout. */
export async function openssl(
  dir: string,
  args: string[],
  stdin?: Uint8Array,
): Promise<Uint8Array> {
  const program = await findProgram("openssl", "apt-get install openssl");
  const child = new Deno.Command(program, {
    args,
    cwd: dir,
    stdin: stdin ? "piped" : "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const writer = child.stdin.getWriter();
    await writer.write(stdin);
    await writer.close();
  }
  const { success, stdout, stderr } = await child.output();
  if (!success) throw new Error(`openssl ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  return stdout;
}

let made: Promise<OpensslKeys> | undefined;

/** The keys (made on first call). */
export function opensslKeys(): Promise<OpensslKeys> {
  return made ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "iamfetch-cloudfront-" });
    const text = async (args: string[]) => new TextDecoder().decode(await openssl(dir, args));
    await openssl(dir, [
      "genpkey",
      "-algorithm",
      "RSA",
      "-pkeyopt",
      "rsa_keygen_bits:2048",
      "-out",
      "rsa.pem",
    ]);
    await openssl(dir, ["ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.pem"]);
    try {
      return await readKeys(dir, text);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  })();
}

async function readKeys(
  dir: string,
  text: (args: string[]) => Promise<string>,
): Promise<OpensslKeys> {
  return {
    rsaPkcs8: await Deno.readTextFile(`${dir}/rsa.pem`),
    rsaPkcs1: await text(["rsa", "-in", "rsa.pem", "-traditional"]),
    rsaPublic: await text(["pkey", "-in", "rsa.pem", "-pubout"]),
    ecSec1: await Deno.readTextFile(`${dir}/ec.pem`),
    ecPkcs8: await text(["pkcs8", "-topk8", "-nocrypt", "-in", "ec.pem"]),
    ecPublic: await text(["pkey", "-in", "ec.pem", "-pubout"]),
    ecP384: await text(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]),
    ed25519: await text(["genpkey", "-algorithm", "ED25519"]),
    rsaEncrypted: await text(["pkcs8", "-topk8", "-in", "rsa.pem", "-passout", "pass:secret-pass"]),
    rsaLegacyEncrypted: await text([
      "rsa",
      "-in",
      "rsa.pem",
      "-traditional",
      "-aes128",
      "-passout",
      "pass:secret-pass",
    ]),
  };
}

// The X.509 signer against OpenSSL, an independent implementation: certificates and keys made
// by `openssl` in every PEM form AWS's helper reads (PKCS #8, PKCS #1, SEC 1 with its EC
// PARAMETERS block) are read as OpenSSL reads them, and every signature verifies with
// `openssl dgst -verify` over the documentation's string to sign (RSA: byte-identical to
// `openssl dgst -sign`). Keys OpenSSL encrypts or on other curves are typed errors.
import assert from "node:assert/strict";
import { findProgram } from "../../find_program.ts";
import { X509Signer } from "../../../src/sigv4/x509/signer.ts";
import { importPrivateKeyPem } from "../../../src/sigv4/x509/private_key.ts";
import { X509CertificateError } from "../../../src/sigv4/x509/errors.ts";
import { docCanonicalRequest, docStringToSign } from "./doc_signing.ts";

const OPENSSL = await findProgram("openssl", "install it: apt-get install openssl");

/** Runs openssl in `dir`; returns stdout, or throws with stderr on a non-zero exit. */
async function openssl(dir: string, ...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(OPENSSL, { args, cwd: dir }).output();
  if (code !== 0) {
    throw new Error(`openssl ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
  }
  return new TextDecoder().decode(stdout);
}

const KEY_FORMS: Record<string, string[]> = {
  "RSA, PKCS #8": ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
  "RSA, PKCS #1": ["genrsa", "-traditional", "2048"],
  "EC P-256, PKCS #8": ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
  "EC P-256, SEC 1 after EC PARAMETERS": ["ecparam", "-name", "prime256v1", "-genkey"],
};

/** A CA and a leaf certificate for `keyArgs` signed by it, serial 0x00c0ffee…; in `dir`. */
async function opensslCertificate(dir: string, keyArgs: string[]): Promise<void> {
  await openssl(
    dir,
    ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"],
    ...["-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Test CA", "-days", "2"],
  );
  await Deno.writeTextFile(`${dir}/leaf.key`, await openssl(dir, ...keyArgs));
  await openssl(
    dir,
    "req",
    "-new",
    "-key",
    "leaf.key",
    "-subj",
    "/CN=workload",
    "-out",
    "leaf.csr",
  );
  await openssl(
    dir,
    ...["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key"],
    ...["-set_serial", "0xc0ffee0123456789abcdef", "-days", "1", "-out", "leaf.pem"],
  );
}

for (const [form, keyArgs] of Object.entries(KEY_FORMS)) {
  Deno.test(`openssl verifies the signature of a request signed with an ${form} key`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "iamfetch-x509-" });
    try {
      await opensslCertificate(dir, keyArgs);
      const certificate = await Deno.readTextFile(`${dir}/leaf.pem`);
      const signer = new X509Signer({
        certificate,
        privateKey: await Deno.readTextFile(`${dir}/leaf.key`),
        certificateChain: await Deno.readTextFile(`${dir}/ca.pem`),
        region: "eu-west-1",
      });
      // The certificate as OpenSSL reads it.
      const fields = await openssl(
        dir,
        ...["x509", "-in", "leaf.pem", "-noout", "-serial", "-startdate", "-enddate"],
        ...["-dateopt", "iso_8601"],
      );
      const value = (name: string) => new RegExp(`${name}=(.*)`).exec(fields)![1];
      assert.equal(signer.certificate.serialNumber, BigInt("0x" + value("serial")).toString());
      assert.equal(signer.certificate.notBefore.getTime(), Date.parse(value("notBefore")));
      assert.equal(signer.certificate.notAfter.getTime(), Date.parse(value("notAfter")));

      const body = JSON.stringify({ durationSeconds: 900, roleArn: "arn:aws:iam::1:role/r" });
      const signed = await signer.sign(
        new Request("https://rolesanywhere.eu-west-1.amazonaws.com/sessions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
      );
      const header = (name: string) => signed.headers.get(name)!;
      const stringToSign = await docStringToSign(
        signer.algorithm,
        header("x-amz-date"),
        "eu-west-1",
        await docCanonicalRequest({
          path: "/sessions",
          headers: Object.fromEntries(
            ["content-type", "x-amz-date", "x-amz-x509", "x-amz-x509-chain"].map((name) => [
              name,
              header(name),
            ]).concat([["host", "rolesanywhere.eu-west-1.amazonaws.com"]]),
          ),
          body,
        }),
      );
      const signature = /Signature=([0-9a-f]+)$/.exec(header("authorization"))![1];
      await Deno.writeTextFile(`${dir}/sts.txt`, stringToSign);
      await Deno.writeFile(
        `${dir}/sig.bin`,
        Uint8Array.from(signature.match(/../g)!, (pair) => parseInt(pair, 16)),
      );
      await openssl(dir, "x509", "-in", "leaf.pem", "-pubkey", "-noout", "-out", "pub.pem");
      const verify = ["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin"];
      assert.match(await openssl(dir, ...verify, "sts.txt"), /Verified OK/);
      // The check can fail: one changed byte of the string to sign is refused.
      await Deno.writeTextFile(`${dir}/other.txt`, stringToSign.replace("eu-west-1", "eu-west-2"));
      await assert.rejects(openssl(dir, ...verify, "other.txt"), /openssl dgst/);
      if (signer.algorithm === "AWS4-X509-RSA-SHA256") {
        // PKCS #1 v1.5 is deterministic: OpenSSL's own signature is the same bytes.
        await openssl(dir, "dgst", "-sha256", "-sign", "leaf.key", "-out", "ref.bin", "sts.txt");
        assert.deepEqual(
          await Deno.readFile(`${dir}/ref.bin`),
          await Deno.readFile(`${dir}/sig.bin`),
        );
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
}

Deno.test("keys OpenSSL encrypts, and EC keys on P-384, are typed errors", async () => {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-x509-" });
  try {
    const cases: [string[], string][] = [
      [[
        ...["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        ...["-aes256", "-pass", "pass:do-not-print"],
      ], "encrypted-key"],
      [
        ["genrsa", "-traditional", "-aes128", "-passout", "pass:do-not-print", "2048"],
        "encrypted-key",
      ],
      [["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"], "unsupported-key"],
      [["ecparam", "-name", "secp384r1", "-genkey"], "unsupported-key"],
      [["genpkey", "-algorithm", "ED25519"], "unsupported-key"],
    ];
    for (const [args, reason] of cases) {
      const pem = await openssl(dir, ...args);
      const error = await importPrivateKeyPem(pem).then(() => undefined, (e) => e);
      assert.ok(error instanceof X509CertificateError, `${args.join(" ")}: ${error}`);
      assert.equal(error.reason, reason, args.join(" "));
      for (const line of pem.split("\n").filter((line) => line.length > 20)) {
        assert.ok(!error.message.includes(line), "the message quotes the key");
      }
    }
    // A P-384 certificate is refused when the signer is made.
    await opensslCertificate(dir, [
      "genpkey",
      "-algorithm",
      "EC",
      "-pkeyopt",
      "ec_paramgen_curve:P-384",
    ]);
    assert.throws(
      () =>
        new X509Signer({
          certificate: Deno.readTextFileSync(`${dir}/leaf.pem`),
          privateKey: Deno.readTextFileSync(`${dir}/leaf.key`),
          region: "us-east-1",
        }),
      (error) =>
        error instanceof X509CertificateError && error.reason === "unsupported-key" &&
        error.message.includes("P-384"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

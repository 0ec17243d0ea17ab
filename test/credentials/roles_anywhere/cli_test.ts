// `iamfetch roles-anywhere` in-process against the emulator: the flags of AWS's
// `aws_signing_helper credential-process`, its credential_process JSON on stdout (the keys
// work), usage errors (exit 2) and refused certificates (exit 1) without key material.
import assert from "node:assert/strict";
import { runCli } from "../../../src/cli/run.ts";
import { memoryIo } from "../../cli/memory_io.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { issueCertificate } from "../../sigv4/x509/pki.ts";
import { ROLE_ARN, rolesAnywhereSetup } from "./fixtures.ts";

type Setup = Awaited<ReturnType<typeof rolesAnywhereSetup>>;

function flags(setup: Setup): string[] {
  return [
    "roles-anywhere",
    ...["--certificate", "/pki/workload.pem", "--private-key", "/pki/workload.key"],
    ...["--trust-anchor-arn", setup.trustAnchorArn, "--profile-arn", setup.profileArn],
    ...["--role-arn", ROLE_ARN, "--endpoint", setup.emulator.url],
  ];
}

Deno.test("roles-anywhere prints credential_process JSON whose keys sign as the role", async () => {
  await using setup = await rolesAnywhereSetup();
  const intermediate = await issueCertificate({ subject: "Issuing CA", ca: true }, setup.ca);
  const leaf = await setup.issue({ keyType: "RSA", keyFormat: "pkcs1" }, intermediate);
  const io = memoryIo({}, {
    files: {
      "/pki/workload.pem": leaf.certificatePem,
      "/pki/workload.key": leaf.privateKeyPem,
      "/pki/chain.pem": intermediate.pem,
    },
  });
  const code = await runCli(
    [...flags(setup), "--intermediates", "/pki/chain.pem", "--role-session-name", "cli-run"],
    io,
  );
  assert.equal(code, 0, io.stderr());
  const output = JSON.parse(io.stdout());
  assert.deepEqual(Object.keys(output), [
    "Version",
    "AccessKeyId",
    "SecretAccessKey",
    "SessionToken",
    "Expiration",
  ]);
  assert.equal(output.Version, 1);
  // AWS's helper sends its --session-duration default, 3600 seconds.
  assert.equal(setup.service.calls[0].params.durationSeconds, 3600);
  const expiresIn = Date.parse(output.Expiration) - Date.now();
  assert.ok(expiresIn > 3590_000 && expiresIn <= 3600_000, String(expiresIn));
  const arn = await callerArn(setup.emulator, {
    accessKeyId: output.AccessKeyId,
    secretAccessKey: output.SecretAccessKey,
    sessionToken: output.SessionToken,
  });
  assert.equal(arn, "arn:aws:sts::123456789012:assumed-role/workload/cli-run");
});

Deno.test("roles-anywhere: missing flags and files are usage errors (exit 2)", async () => {
  await using setup = await rolesAnywhereSetup();
  const leaf = await setup.issue();
  const files = {
    "/pki/workload.pem": leaf.certificatePem,
    "/pki/workload.key": leaf.privateKeyPem,
  };
  const cases: [string[], RegExp][] = [
    [
      flags(setup).filter((_, i, all) => all[i] !== "--role-arn" && all[i - 1] !== "--role-arn"),
      /--role-arn is required/,
    ],
    [
      [...flags(setup), "--intermediates", "/pki/missing.pem"],
      /--intermediates: no file at \/pki\/missing.pem/,
    ],
    [
      [...flags(setup), "--session-duration", "an hour"],
      /--session-duration must be a whole number/,
    ],
    [[...flags(setup), "--profile", "dev"], /--profile does not apply/],
  ];
  for (const [args, message] of cases) {
    const io = memoryIo({}, { files });
    assert.equal(await runCli(args, io), 2, args.join(" "));
    assert.match(io.stderr(), message);
    assert.equal(io.stdout(), "");
  }
  const help = memoryIo({});
  assert.equal(await runCli(["roles-anywhere", "--help"], help), 0);
  for (const flag of ["--certificate", "--private-key", "--intermediates", "--session-duration"]) {
    assert.ok(help.stdout().includes(flag), flag);
  }
});

Deno.test("roles-anywhere: a certificate the service or the checks refuse exits 1, no key printed", async () => {
  await using setup = await rolesAnywhereSetup();
  const expired = await setup.issue({
    notBefore: new Date(Date.now() - 7200_000),
    notAfter: new Date(Date.now() - 3600_000),
  });
  const stranger = await issueCertificate({ subject: "Other CA", ca: true });
  const foreign = await setup.issue({}, stranger);
  for (
    const [leaf, message] of [
      [expired, /X509CertificateError: The certificate \(serial \d+\) expired at/],
      [foreign, /AwsError: .*Untrusted certificate/],
    ] as const
  ) {
    const io = memoryIo({}, {
      files: { "/pki/workload.pem": leaf.certificatePem, "/pki/workload.key": leaf.privateKeyPem },
    });
    assert.equal(await runCli(flags(setup), io), 1);
    assert.match(io.stderr(), message);
    for (const line of leaf.privateKeyPem.split("\n").filter((line) => line.length > 20)) {
      assert.ok(!io.stderr().includes(line), "key material on stderr");
    }
    assert.equal(io.stdout(), "");
  }
});

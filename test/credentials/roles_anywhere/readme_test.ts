// README.md's IAM Roles Anywhere example, run as written against the emulator: its files,
// ARNs and endpoints swapped for a generated certificate chain, a registered trust anchor and
// the emulator's URL. The README's other blocks only type-check (test/docs/readme_usage_test.ts).
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { runReadmeBlock } from "../../docs/readme_run.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { rolesAnywhereState } from "../../emulator/routes/roles_anywhere.ts";
import { issueCertificate, privateKeyPem } from "../../sigv4/x509/pki.ts";

const HEADING = "### IAM Roles Anywhere";

async function readmeExample() {
  const readme = await Deno.readTextFile(new URL("../../../README.md", import.meta.url));
  const at = readme.indexOf(HEADING);
  assert.ok(at !== -1, `README.md has no "${HEADING}" section`);
  const start = readme.indexOf("```ts\n", at) + "```ts\n".length;
  const code = readme.slice(start, readme.indexOf("\n```", start));
  return { mode: "run" as const, name: "roles-anywhere", code, line: 0 };
}

Deno.test("the README's Roles Anywhere example gets credentials that call STS as the role", async () => {
  await using emulator = await startEmulator();
  const roleArn = "arn:aws:iam::111122223333:role/workload";
  emulator.state.addRole({ arn: roleArn });
  const service = rolesAnywhereState(emulator.state);
  const root = await issueCertificate({ subject: "Root CA", ca: true });
  const intermediate = await issueCertificate({ subject: "Issuing CA", ca: true }, root);
  const leaf = await issueCertificate({ subject: "workload", keyType: "RSA" }, intermediate);
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-readme-pki-" });
  try {
    await Deno.writeTextFile(`${dir}/workload.pem`, leaf.pem);
    await Deno.writeTextFile(`${dir}/workload.key`, await privateKeyPem(leaf.keys, "pkcs1"));
    await Deno.writeTextFile(`${dir}/intermediates.pem`, intermediate.pem);
    const lines = await runReadmeBlock(await readmeExample(), {
      "/etc/pki/": `${dir}/`,
      "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/6c9e3e3a":
        service.addTrustAnchor(root.pem, "eu-west-1").arn,
      "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1f2b3c4d":
        service.addProfile([roleArn], "eu-west-1").arn,
      "https://rolesanywhere.eu-west-1.amazonaws.com": emulator.url,
      "https://sts.eu-west-1.amazonaws.com": emulator.url,
    });
    const serial = new X509Certificate(leaf.pem).serialNumber.toLowerCase();
    assert.deepEqual(lines, [`arn:aws:sts::111122223333:assumed-role/workload/${serial}`]);
    assert.equal(service.calls.length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

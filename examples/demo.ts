/**
 * A guided tour of iamfetch against the embedded AWS emulator (127.0.0.1, started and
 * stopped here): who am I, AssumeRole with an external id, header signing, presigned
 * URLs, tamper detection, server-side verification and retries. Run with `deno task demo`.
 *
 * @module
 */
import { AwsClient, fromAssumeRole, SigV4Signer, StsClient, verifySignature } from "../mod.ts";
import { startEmulator } from "../test/emulator/emulator.ts";

const emulator = await startEmulator();
const step = (title: string) => console.log(`\n▶ ${title}`);
const show = (label: string, value: unknown) => console.log(`  ${label.padEnd(22)} ${value}`);

try {
  console.log(`iamfetch demo — AWS emulator listening on ${emulator.url}`);
  const credentials = emulator.credentials;

  step("Who am I? (STS GetCallerIdentity with static keys)");
  const sts = new StsClient({ credentials, endpoint: emulator.url });
  show("arn", (await sts.getCallerIdentity()).arn);

  step("Assume a role with an external id; credentials refresh themselves before expiry");
  const roleArn = "arn:aws:iam::123456789012:role/reporting";
  emulator.state.addRole({ arn: roleArn, externalId: "partner-42" });
  const roleCredentials = fromAssumeRole({
    source: credentials,
    roleArn,
    externalId: "partner-42",
    roleSessionName: "demo",
    endpoint: emulator.url,
  });
  const asRole = new StsClient({ credentials: roleCredentials, endpoint: emulator.url });
  show("now acting as", (await asRole.getCallerIdentity()).arn);
  show(
    "credentials print as",
    JSON.stringify(await roleCredentials()).replace(/"expiration":"[^"]+"/, '"expiration":…'),
  );

  const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });

  step("Sign a request in the Authorization header");
  const signed = await signer.sign(
    new Request(`${emulator.url}/echo/orders/42?expand=items`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ note: "hello from iamfetch" }),
    }),
  );
  show(
    "Authorization",
    signed.headers.get("authorization")?.replace(/Signature=\w+/, "Signature=…"),
  );
  const echoed = await (await fetch(signed)).json();
  show("emulator says", `${echoed.method} ${echoed.path} accepted for ${echoed.accessKeyId}`);

  step("Presign a URL anyone can GET for 60 seconds");
  const url = await signer.presign(new Request(`${emulator.url}/echo/reports/q3.csv`), {
    expiresIn: 60,
  });
  show("URL", `${url.origin}${url.pathname}?X-Amz-…(${url.searchParams.size} params)`);
  const presigned = await fetch(url);
  show("plain fetch", `${presigned.status} ${presigned.ok ? "OK" : "refused"}`);
  await presigned.body?.cancel();

  step("Tamper with a signed request: the emulator refuses it like AWS");
  const tampered = new Request(
    signed.url.replace("/orders/42", "/orders/43"),
    await signer.sign(
      new Request(`${emulator.url}/echo/orders/42`),
    ),
  );
  const refused = await fetch(tampered);
  const code = /<Code>(\w+)<\/Code>/.exec(await refused.text())?.[1];
  show("response", `${refused.status} ${code}`);

  step("Verify a signature on your own server with verifySignature");
  const incoming = await signer.sign(new Request("https://api.example.com/items"));
  const result = await verifySignature(incoming, {
    secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
  });
  show("verified", result.ok ? `yes, signed by ${result.accessKeyId}` : `no: ${result.code}`);

  step("AwsClient (aws4fetch-compatible) retries throttling and 5xx with backoff");
  emulator.state.failNext(2, { status: 503, code: "ServiceUnavailable", path: "/echo" });
  const aws = new AwsClient({ credentials, region: "us-east-1", service: "execute-api" });
  const response = await aws.fetch(`${emulator.url}/echo/inventory`);
  await response.body?.cancel();
  const attempts = emulator.state.requestsTo("/echo/inventory").length;
  show("result", `${response.status} after ${attempts} attempts (two 503s injected)`);

  console.log("\n✔ demo finished");
} finally {
  await emulator.close();
}

/**
 * A guided tour of iamfetch against the embedded AWS emulator and a fake Okta org (both
 * on 127.0.0.1, started and stopped here): who am I, AssumeRole with an external id, an
 * Okta SAML login with MFA, an RDS token, header signing, presigned URLs, tamper
 * detection, server-side verification, Redshift credentials and retries. Run with
 * `deno task demo`.
 *
 * @module
 */
import {
  AwsClient,
  fromAssumeRole,
  fromSaml,
  oktaAdapter,
  rdsAuthToken,
  redshiftConnectionCredentials,
  SigV4Signer,
  StsClient,
  verifySignature,
} from "../mod.ts";
import { startEmulator } from "../test/emulator/emulator.ts";
import { startFakeOkta } from "../test/idp/okta/fake_okta.ts";
import { totp } from "../test/idp/okta/totp.ts";
import { registerTestIdp } from "../test/idp/saml_issuer.ts";

const OKTA_PRINCIPAL = "arn:aws:iam::123456789012:saml-provider/Okta";
const OKTA_ROLE = "arn:aws:iam::123456789012:role/OktaDevelopers";
const TOTP_SECRET = new TextEncoder().encode("demo-authenticator-app-secret");

const emulator = await startEmulator();
const okta = await startFakeOkta({
  users: [{
    login: "alice@example.com",
    password: "correct horse battery staple",
    factors: [{ type: "token:software:totp", secret: TOTP_SECRET }],
  }],
  roles: [{ roleArn: OKTA_ROLE, principalArn: OKTA_PRINCIPAL }],
  sessionDuration: 3600,
});
const step = (title: string) => console.log(`\n▶ ${title}`);
const show = (label: string, value: unknown) => console.log(`  ${label.padEnd(22)} ${value}`);

try {
  console.log(
    `iamfetch demo — AWS emulator on ${emulator.url}, ` +
      `fake Okta org on ${new URL(okta.loginUrl).origin}`,
  );
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

  step("Log in at Okta with a password and a TOTP code, then AssumeRoleWithSAML");
  registerTestIdp(emulator.state, { principalArn: OKTA_PRINCIPAL });
  emulator.state.addRole({ arn: OKTA_ROLE });
  const federated = fromSaml({
    adapter: oktaAdapter({ loginUrl: okta.loginUrl, mfaType: "totp" }),
    username: "alice@example.com",
    password: "correct horse battery staple",
    mfa: async (challenge) => {
      const code = await totp(TOTP_SECRET, Date.now());
      show("Okta asks", `${challenge.message.replace(/\.$/, "")} → the app says ${code}`);
      return code;
    },
    endpoint: emulator.url,
  });
  const asOktaUser = new StsClient({ credentials: federated, endpoint: emulator.url });
  show("signed in as", (await asOktaUser.getCallerIdentity()).arn);

  step("An RDS IAM auth token: the password a PostgreSQL or MySQL driver sends");
  const token = await rdsAuthToken({
    hostname: "orders.c1abcdef2ghi.eu-west-1.rds.amazonaws.com",
    port: 5432,
    username: "app_user",
    credentials,
  });
  show("token", `${token.slice(0, token.indexOf("&X-Amz-Credential"))}&X-Amz-…`);
  const rdsCheck = await verifySignature(new Request(`https://${token}`), {
    secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
    service: "rds-db",
  });
  show("RDS would accept it", rdsCheck.ok ? `yes (region ${rdsCheck.region})` : "no");

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

  step("Redshift: look the cluster up and get temporary database credentials");
  emulator.state.redshift.addCluster({ identifier: "analytics", region: "us-east-1" });
  const database = await redshiftConnectionCredentials({
    credentials,
    region: "us-east-1",
    endpoint: emulator.url,
    clusterIdentifier: "analytics",
    dbUser: "alice",
    autoCreate: true,
  });
  show("connect to", `${database.user}@${database.host}:${database.port}/${database.database}`);
  show(
    "password",
    `${database.password.length} characters, until ${database.expiration.toISOString()}`,
  );

  step("AwsClient (aws4fetch-compatible) retries throttling and 5xx with backoff");
  emulator.state.failNext(2, { status: 503, code: "ServiceUnavailable", path: "/echo" });
  const aws = new AwsClient({ credentials, region: "us-east-1", service: "execute-api" });
  const response = await aws.fetch(`${emulator.url}/echo/inventory`);
  await response.body?.cancel();
  const attempts = emulator.state.requestsTo("/echo/inventory").length;
  show("result", `${response.status} after ${attempts} attempts (two 503s injected)`);

  console.log("\n✔ demo finished");
} finally {
  await okta.close();
  await emulator.close();
}

// The unsigned calls — AssumeRoleWithWebIdentity (fromWebIdentity), AssumeRoleWithSAML
// (fromSaml, a signed SAMLResponse with one Role value) and Cognito GetId /
// GetCredentialsForIdentity (fromCognitoIdentityPool) — through iamfetch's public API against
// moto_server. Moto answers unsigned calls with 500 while it checks signatures, so they run on
// a server started without checking; moto knows only the keys it issued itself (a second,
// checking server refuses them: InvalidClientTokenId), so this same server is then switched to
// checking, and the credentials are used against it, every signature verified with botocore's
// signer. The other moto limits are listed at the top of services_test.ts.
import assert from "node:assert/strict";
import {
  AwsClient,
  AwsError,
  fromCognitoIdentityPool,
  fromSaml,
  fromWebIdentity,
  StsClient,
} from "../../mod.ts";
import { signedSamlResponse } from "../idp/saml_issuer.ts";
import { createRole } from "./iam_roles.ts";
import { startMoto } from "./moto_server.ts";
import { assertS3RoundTrip } from "./s3_round_trip.ts";
import { plainName } from "./random_input.ts";

const REGION = "us-east-1";

/** An unsigned JWT: moto's AssumeRoleWithWebIdentity does not check the token. */
function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

Deno.test("credentials from moto's unsigned calls are accepted once moto checks signatures", async (t) => {
  await using moto = await startMoto({ checkSignatures: false });
  const setup = moto.credentials; // any key: nothing is checked yet
  const bucket = `iamfetch-${plainName(12)}`;
  const admin = new AwsClient({ credentials: setup, service: "s3", region: REGION });
  assert.equal((await admin.fetch(`${moto.endpoint}/${bucket}`, { method: "PUT" })).status, 200);
  // Moto answers S3 calls signed with role credentials with 500 unless the role exists.
  const webRole = await createRole(moto, setup, `web-${plainName(8)}`);
  const samlRole = await createRole(moto, setup, `saml-${plainName(8)}`);
  const samlProvider = `arn:aws:iam::${moto.accountId}:saml-provider/iamfetch-idp`;

  const webIdentitySession = `web-${plainName(8)}`;
  const webIdentity = fromWebIdentity({
    roleArn: webRole,
    roleSessionName: webIdentitySession,
    webIdentityToken: unsignedJwt({
      iss: "https://idp.example.com",
      aud: "iamfetch",
      sub: plainName(10),
      exp: Math.floor(Date.now() / 1000) + 600,
    }),
    endpoint: moto.endpoint,
    region: REGION,
  });
  const samlSession = `saml-${plainName(8)}`;
  const saml = fromSaml({
    // One Role value: moto's AssumeRoleWithSAML crashes on a Role attribute with two.
    adapter: {
      name: "signed-response",
      getSamlResponse: () =>
        Promise.resolve(signedSamlResponse({
          roles: [{ roleArn: samlRole, principalArn: samlProvider }],
          roleSessionName: samlSession,
        })),
    },
    endpoint: moto.endpoint,
    region: REGION,
  });
  const cognitoClient = new AwsClient({
    credentials: setup,
    service: "cognito-identity",
    region: REGION,
  });
  const pool = await cognitoClient.fetch(`${moto.endpoint}/`, {
    method: "POST",
    headers: {
      "x-amz-target": "AWSCognitoIdentityService.CreateIdentityPool",
      "content-type": "application/x-amz-json-1.1",
    },
    body: JSON.stringify({
      IdentityPoolName: `pool${plainName(8)}`,
      AllowUnauthenticatedIdentities: true,
    }),
  });
  const { IdentityPoolId } = await pool.json();
  const cognito = fromCognitoIdentityPool({
    identityPoolId: IdentityPoolId,
    endpoint: moto.endpoint,
  });

  // The unsigned calls, while moto checks nothing.
  const fromWeb = await webIdentity();
  const fromSamlResponse = await saml();
  const fromCognito = await cognito();
  await moto.startChecking();

  await t.step("moto now refuses a wrong secret", async () => {
    const refused = await new StsClient({
      credentials: { ...fromWeb, secretAccessKey: `${fromWeb.secretAccessKey}x` },
      endpoint: moto.endpoint,
    }).getCallerIdentity().catch((error) => error);
    assert.ok(refused instanceof AwsError, String(refused));
    assert.equal(refused.code, "SignatureDoesNotMatch");
  });

  await t.step("AssumeRoleWithWebIdentity (fromWebIdentity): the role's keys sign", async () => {
    assert.match(fromWeb.accessKeyId, /^ASIA/);
    assert.ok(fromWeb.sessionToken);
    const identity = await new StsClient({ credentials: webIdentity, endpoint: moto.endpoint })
      .getCallerIdentity();
    const roleName = webRole.split("/").at(-1);
    assert.equal(
      identity.arn,
      `arn:aws:sts::${moto.accountId}:assumed-role/${roleName}/${webIdentitySession}`,
    );
    await assertS3RoundTrip(moto.endpoint, bucket, fromWeb);
  });

  await t.step("AssumeRoleWithSAML (fromSaml): the role's keys sign", async () => {
    assert.match(fromSamlResponse.accessKeyId, /^ASIA/);
    const identity = await new StsClient({ credentials: saml, endpoint: moto.endpoint })
      .getCallerIdentity();
    const roleName = samlRole.split("/").at(-1);
    assert.equal(
      identity.arn,
      `arn:aws:sts::${moto.accountId}:assumed-role/${roleName}/${samlSession}`,
    );
    await assertS3RoundTrip(moto.endpoint, bucket, fromSamlResponse);
  });

  await t.step("Cognito GetId / GetCredentialsForIdentity (fromCognitoIdentityPool)", () => {
    // Moto answers a fixed TESTACCESSKEY12345 that expires as it is issued and that it does
    // not accept afterwards, so the credentials are checked for shape only.
    assert.ok(fromCognito.accessKeyId.length > 0);
    assert.ok(fromCognito.secretAccessKey.length > 0);
    assert.ok((fromCognito.sessionToken ?? "").length > 0);
    assert.ok(fromCognito.expiration instanceof Date);
  });
});

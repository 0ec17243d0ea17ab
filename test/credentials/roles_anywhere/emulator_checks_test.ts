// The emulator's CreateSession refuses what IAM Roles Anywhere refuses, so that its 201 in the
// provider tests means something: a request changed after signing, another certificate in
// X-Amz-X509, a serial that is not the certificate's, a certificate expired at the server's
// time, a scope in another region, SigV4 (HMAC) instead of X.509 — and it takes the ARNs in the
// query, where AWS's Go helper puts them.
import assert from "node:assert/strict";
import { X509Signer } from "../../../src/sigv4/x509/signer.ts";
import { SigV4Signer } from "../../../src/sigv4/signer.ts";
import { ROLE_ARN, rolesAnywhereSetup } from "./fixtures.ts";

type Setup = Awaited<ReturnType<typeof rolesAnywhereSetup>>;

function body(setup: Setup, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    profileArn: setup.profileArn,
    roleArn: ROLE_ARN,
    trustAnchorArn: setup.trustAnchorArn,
    ...extra,
  });
}

async function signer(setup: Setup, options: Parameters<Setup["issue"]>[0] = {}) {
  const leaf = await setup.issue(options);
  return new X509Signer({
    certificate: leaf.certificatePem,
    privateKey: leaf.privateKeyPem,
    region: "us-east-1",
  });
}

function sessions(setup: Setup, text: string, query = ""): Request {
  return new Request(`${setup.emulator.url}/sessions${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: text,
  });
}

/** The status, error type and message of an answer. */
async function outcome(response: Response): Promise<string> {
  const text = await response.text();
  const type = response.headers.get("x-amzn-errortype");
  return type === null
    ? String(response.status)
    : `${response.status} ${type}: ${JSON.parse(text).message}`;
}

Deno.test("a correctly signed request gets 201 and the documented answer", async () => {
  await using setup = await rolesAnywhereSetup();
  const response = await fetch(await (await signer(setup)).sign(sessions(setup, body(setup))));
  assert.equal(response.status, 201);
  const answer = await response.json();
  assert.deepEqual(Object.keys(answer), ["credentialSet", "subjectArn"]);
  assert.deepEqual(Object.keys(answer.credentialSet[0]), [
    "assumedRoleUser",
    "credentials",
    "packedPolicySize",
    "roleArn",
    "sourceIdentity",
  ]);
  assert.deepEqual(Object.keys(answer.credentialSet[0].credentials), [
    "accessKeyId",
    "expiration",
    "secretAccessKey",
    "sessionToken",
  ]);
  assert.equal(answer.credentialSet[0].sourceIdentity, "workload");
});

Deno.test("changes after signing and look-alike signatures are refused with 403", async () => {
  await using setup = await rolesAnywhereSetup();
  const first = await signer(setup);
  const second = await signer(setup);
  const signed = await first.sign(sessions(setup, body(setup)));
  const other = await second.sign(sessions(setup, body(setup)));
  const withHeaders = (changes: Record<string, string>, text = body(setup)) => {
    const headers = new Headers(signed.headers);
    for (const [name, value] of Object.entries(changes)) headers.set(name, value);
    return new Request(signed.url, { method: "POST", headers, body: text });
  };
  const authorization = signed.headers.get("authorization")!;
  const serial = first.certificate.serialNumber;
  const cases: [string, Request][] = [
    ["body changed", withHeaders({}, body(setup, { durationSeconds: 43200 }))],
    [
      "another certificate's X-Amz-X509",
      withHeaders({ "x-amz-x509": other.headers.get("x-amz-x509")! }),
    ],
    ["another serial", withHeaders({ authorization: authorization.replace(serial, serial + "1") })],
    ["another date", withHeaders({ "x-amz-date": "20200101T000000Z" })],
    [
      "scope in another region",
      withHeaders({ authorization: authorization.replace("/us-east-1/", "/us-west-2/") }),
    ],
  ];
  for (const [name, request] of cases) {
    const result = await outcome(await fetch(request));
    assert.match(result, /^403 AccessDeniedException: /, name);
  }
  const sigv4 = new SigV4Signer({
    credentials: setup.emulator.credentials,
    region: "us-east-1",
    service: "rolesanywhere",
  });
  assert.match(
    await outcome(await fetch(await sigv4.sign(sessions(setup, body(setup))))),
    /^403 AccessDeniedException: Authorization is not an AWS4-X509 signature/,
  );
});

Deno.test("a certificate expired at the server's time is untrusted, though signed while valid", async () => {
  await using setup = await rolesAnywhereSetup();
  const notAfter = new Date(Date.now() - 60_000);
  const expired = await signer(setup, { notBefore: new Date(Date.now() - 3600_000), notAfter });
  const request = await expired.sign(sessions(setup, body(setup)), {
    date: new Date(notAfter.getTime() - 60_000),
  });
  assert.equal(
    await outcome(await fetch(request)),
    "403 AccessDeniedException: Untrusted certificate: the signing certificate is expired or not yet valid",
  );
});

Deno.test("the ARNs may come in the query, as AWS's Go helper sends them", async () => {
  await using setup = await rolesAnywhereSetup();
  const query = "?" + new URLSearchParams({
    profileArn: setup.profileArn,
    roleArn: ROLE_ARN,
    trustAnchorArn: setup.trustAnchorArn,
  });
  const request = await (await signer(setup)).sign(sessions(setup, "{}", query));
  assert.equal(await outcome(await fetch(request)), "201");
  assert.equal(setup.service.calls.at(-1)?.params.roleArn, ROLE_ARN);
  const bad = await (await signer(setup)).sign(
    sessions(setup, body(setup, { durationSeconds: 60 })),
  );
  assert.equal(
    await outcome(await fetch(bad)),
    "400 ValidationException: durationSeconds must be from 900 to 43200",
  );
});

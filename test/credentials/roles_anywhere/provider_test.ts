// fromRolesAnywhere against the emulator's CreateSession, which verifies the X.509 signature
// and the chain to its trust anchor with node:crypto: RSA and EC P-256 certificates, with and
// without intermediates; the credentials then sign STS calls. Expired certificates and keys
// that are not the certificate's never reach the network; the service's refusals are AwsErrors.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { fromRolesAnywhere } from "../../../src/credentials/roles_anywhere/provider.ts";
import { CredentialSettingError } from "../../../src/credentials/errors.ts";
import { AwsError } from "../../../src/http/errors.ts";
import { X509CertificateError } from "../../../src/sigv4/x509/errors.ts";
import { StsClient } from "../../../src/sts/mod.ts";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { issueCertificate } from "../../sigv4/x509/pki.ts";
import { rolesAnywhereSetup, sessionAnswer, sessionRequests, workloadArns } from "./fixtures.ts";

for (
  const [name, caKeyType, leafKeyType, keyFormat] of [
    ["an RSA certificate (PKCS #1 key) from an EC CA", "EC", "RSA", "pkcs1"],
    ["an EC P-256 certificate (SEC 1 key) from an RSA CA", "RSA", "EC", "sec1"],
  ] as const
) {
  Deno.test(`${name} gets credentials that sign STS calls as the role`, async () => {
    await using setup = await rolesAnywhereSetup(caKeyType);
    const { certificate, certificatePem, privateKeyPem } = await setup.issue({
      keyType: leafKeyType,
      keyFormat,
    });
    const sent: Request[] = [];
    const credentials = fromRolesAnywhere({
      ...setup.options(certificatePem, privateKeyPem),
      fetch: (input, init) => {
        const request = new Request(input, init);
        sent.push(request.clone());
        return fetch(request);
      },
    });
    const { arn } = await new StsClient({ credentials, endpoint: setup.emulator.url })
      .getCallerIdentity();
    // The emulator names the session after the certificate's serial number (hex).
    const serial = new X509Certificate(certificate.pem).serialNumber.toLowerCase();
    assert.equal(arn, `arn:aws:sts::123456789012:assumed-role/workload/${serial}`);
    // The request as the API reference writes it: POST /sessions, JSON body, no query.
    assert.equal(sent.length, 1);
    const url = new URL(sent[0].url);
    assert.equal(`${sent[0].method} ${url.pathname}${url.search}`, "POST /sessions");
    assert.equal(sent[0].headers.get("content-type"), "application/json");
    assert.deepEqual(Object.keys(await sent[0].json()), [
      "profileArn",
      "roleArn",
      "trustAnchorArn",
    ]);
    assert.match(
      sent[0].headers.get("authorization")!,
      new RegExp(`^AWS4-X509-${leafKeyType === "RSA" ? "RSA" : "ECDSA"}-SHA256 Credential=\\d+/`),
    );
  });
}

Deno.test("intermediates travel in X-Amz-X509-Chain; without them the chain is refused", async () => {
  await using setup = await rolesAnywhereSetup("EC");
  const intermediate = await issueCertificate(
    { subject: "Issuing CA", ca: true, keyType: "RSA" },
    setup.ca,
  );
  const leaf = await setup.issue({ keyType: "EC" }, intermediate);
  const options = setup.options(leaf.certificatePem, leaf.privateKeyPem);
  const credentials = await fromRolesAnywhere({ ...options, certificateChain: intermediate.pem })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  await assert.rejects(
    fromRolesAnywhere(options)(),
    (error) =>
      error instanceof AwsError && error.code === "AccessDeniedException" && error.status === 403 &&
      error.message.includes("does not chain to the trust anchor"),
  );
});

Deno.test("sessionName and durationSeconds shape the session; callers share one CreateSession", async () => {
  await using setup = await rolesAnywhereSetup();
  const leaf = await setup.issue();
  const provider = fromRolesAnywhere({
    ...setup.options(leaf.certificatePem, leaf.privateKeyPem),
    sessionName: "batch-job@site-7",
    durationSeconds: 900,
  });
  const all = await Promise.all(Array.from({ length: 20 }, () => provider()));
  assert.equal(sessionRequests(setup.emulator), 1);
  assert.ok(all.every((credentials) => credentials.accessKeyId === all[0].accessKeyId));
  const expiresIn = all[0].expiration!.getTime() - Date.now();
  assert.ok(expiresIn > 890_000 && expiresIn <= 900_000, `expires in ${expiresIn} ms`);
  assert.deepEqual(
    Object.keys(setup.service.calls[0].params).sort(),
    ["durationSeconds", "profileArn", "roleArn", "roleSessionName", "trustAnchorArn"],
  );
  const { arn } = await new StsClient({ credentials: provider, endpoint: setup.emulator.url })
    .getCallerIdentity();
  assert.equal(arn, "arn:aws:sts::123456789012:assumed-role/workload/batch-job@site-7");
});

Deno.test("an expired or not yet valid certificate, or another key, fails before any call", async () => {
  await using setup = await rolesAnywhereSetup();
  const hour = 60 * 60_000;
  const expired = await setup.issue({
    notBefore: new Date(Date.now() - 3 * hour),
    notAfter: new Date(Date.now() - hour),
  });
  const future = await setup.issue({ notBefore: new Date(Date.now() + hour) });
  const valid = await setup.issue();
  const other = await setup.issue();
  const cases = [
    [expired.certificatePem, expired.privateKeyPem, "expired"],
    [future.certificatePem, future.privateKeyPem, "not-yet-valid"],
    [valid.certificatePem, other.privateKeyPem, "key-mismatch"],
  ] as const;
  for (const [certificate, privateKey, reason] of cases) {
    const provider = fromRolesAnywhere(setup.options(certificate, privateKey));
    const error = await provider().then(() => undefined, (e) => e);
    assert.ok(error instanceof X509CertificateError && error.reason === reason, String(error));
    for (const line of privateKey.split("\n").filter((line) => line.length > 20)) {
      assert.ok(!`${error.message}\n${error.stack}`.includes(line), "key material in the error");
    }
  }
  assert.equal(sessionRequests(setup.emulator), 0);
});

Deno.test("the service's refusals are AwsErrors: unknown trust anchor, untrusted CA, other role", async () => {
  await using setup = await rolesAnywhereSetup();
  const stranger = await issueCertificate({ subject: "Other CA", ca: true });
  const foreign = await setup.issue({}, stranger);
  const leaf = await setup.issue();
  const base = setup.options(leaf.certificatePem, leaf.privateKeyPem);
  const cases: [Parameters<typeof fromRolesAnywhere>[0], string, number][] = [
    [
      {
        ...base,
        trustAnchorArn:
          "arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/00000000-0000-4000-8000-000000000000",
      },
      "ResourceNotFoundException",
      404,
    ],
    [
      { ...base, certificate: foreign.certificatePem, privateKey: foreign.privateKeyPem },
      "AccessDeniedException",
      403,
    ],
    [{ ...base, roleArn: "arn:aws:iam::123456789012:role/admin" }, "AccessDeniedException", 403],
  ];
  for (const [options, code, status] of cases) {
    const error = await fromRolesAnywhere(options)().then(() => undefined, (e) => e);
    assert.ok(error instanceof AwsError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.status, status);
    assert.equal(error.retryable, false);
  }
});

Deno.test("a 503 is retried, each attempt signed afresh", async () => {
  await using setup = await rolesAnywhereSetup();
  const leaf = await setup.issue();
  const attempts: Request[] = [];
  const credentials = await fromRolesAnywhere({
    ...setup.options(leaf.certificatePem, leaf.privateKeyPem),
    fetch: (input, init) => {
      const request = new Request(input, init);
      attempts.push(request);
      return attempts.length === 1
        ? Promise.resolve(Response.json({ message: "busy" }, {
          status: 503,
          headers: { "x-amzn-ErrorType": "ServiceUnavailableException" },
        }))
        : fetch(request);
    },
  })();
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(attempts.length, 2);
  assert.ok(
    attempts.every((attempt) => attempt.headers.get("authorization")?.startsWith("AWS4-X509-")),
  );
});

Deno.test("options are checked when the provider is made", async () => {
  const leaf = await issueCertificate({ subject: "w" });
  const base = {
    certificate: leaf.pem,
    privateKey: "",
    trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/6c9e3e3a",
    profileArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1f2b3c4d",
    roleArn: "arn:aws:iam::111122223333:role/workload",
  };
  const cases: [Record<string, unknown>, string][] = [
    [
      { trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/1f2b3c4d" },
      "trustAnchorArn",
    ],
    [{ profileArn: "arn:aws:rolesanywhere:us-east-1:111122223333:profile/1f2b3c4d" }, "profileArn"],
    [{ roleArn: "workload" }, "roleArn"],
    [{ durationSeconds: 899 }, "durationSeconds"],
    [{ durationSeconds: 43201 }, "durationSeconds"],
    [{ durationSeconds: 1000.5 }, "durationSeconds"],
    [{ sessionName: "two words" }, "sessionName"],
    [{ endpoint: "ftp://rolesanywhere.example" }, "endpoint"],
  ];
  for (const [change, setting] of cases) {
    assert.throws(
      () => fromRolesAnywhere({ ...base, ...change } as Parameters<typeof fromRolesAnywhere>[0]),
      (error) => error instanceof CredentialSettingError && error.setting === setting,
      setting,
    );
  }
});

Deno.test("the default endpoint is the trust anchor region's, .amazonaws.com.cn in China", async () => {
  const leaf = await issueCertificate({ subject: "w" });
  const urls: string[] = [];
  for (const region of ["eu-west-1", "cn-north-1"]) {
    await fromRolesAnywhere({
      certificate: leaf.pem,
      privateKey: leaf.keys.privateKey,
      ...workloadArns(region),
      platform: explicitPlatform({ env: {} }), // nothing configured
      fetch: (input, init) => {
        const request = new Request(input, init);
        urls.push(
          `${request.url} ${
            /\/(\w+-\w+-\d)\/rolesanywhere\//.exec(request.headers.get("authorization")!)?.[1]
          }`,
        );
        return Promise.resolve(sessionAnswer());
      },
    })();
  }
  assert.deepEqual(urls, [
    "https://rolesanywhere.eu-west-1.amazonaws.com/sessions eu-west-1",
    "https://rolesanywhere.cn-north-1.amazonaws.com.cn/sessions cn-north-1",
  ]);
});

Deno.test("configured endpoints apply as for every client: AWS_ENDPOINT_URL_ROLESANYWHERE, then AWS_ENDPOINT_URL; endpoint wins", async () => {
  const leaf = await issueCertificate({ subject: "w" });
  const urlFor = async (env: Record<string, string>, endpoint?: string) => {
    let url = "";
    await fromRolesAnywhere({
      certificate: leaf.pem,
      privateKey: leaf.keys.privateKey,
      ...workloadArns(),
      endpoint,
      platform: explicitPlatform({ env }),
      fetch: (input) => {
        url = new Request(input).url;
        return Promise.resolve(sessionAnswer());
      },
    })();
    return url;
  };
  assert.equal(
    await urlFor({
      AWS_ENDPOINT_URL_ROLESANYWHERE: "http://127.0.0.1:4001",
      AWS_ENDPOINT_URL: "http://127.0.0.1:4002",
    }),
    "http://127.0.0.1:4001/sessions",
  );
  assert.equal(
    await urlFor({ AWS_ENDPOINT_URL: "http://127.0.0.1:4002" }),
    "http://127.0.0.1:4002/sessions",
  );
  assert.equal(
    await urlFor({ AWS_ENDPOINT_URL: "http://127.0.0.1:4002" }, "http://127.0.0.1:4003"),
    "http://127.0.0.1:4003/sessions",
  );
  assert.equal(await urlFor({}), "https://rolesanywhere.eu-west-1.amazonaws.com/sessions");
});

Deno.test("a skewed clock is corrected as for every signed call: the retry is signed at the service's time", async () => {
  const leaf = await issueCertificate({ subject: "w" });
  const serverTime = new Date(Date.now() + 30 * 60_000);
  const dates: string[] = [];
  await fromRolesAnywhere({
    certificate: leaf.pem,
    privateKey: leaf.keys.privateKey,
    ...workloadArns(),
    platform: explicitPlatform({ env: {} }),
    fetch: (input, init) => {
      dates.push(new Request(input, init).headers.get("x-amz-date")!);
      if (dates.length === 1) {
        return Promise.resolve(
          Response.json({ message: "Signature expired" }, {
            status: 403,
            headers: {
              date: serverTime.toUTCString(),
              "x-amzn-errortype": "InvalidSignatureException",
            },
          }),
        );
      }
      return Promise.resolve(sessionAnswer());
    },
  })();
  assert.equal(dates.length, 2);
  const parse = (amz: string) =>
    Date.parse(amz.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  assert.ok(Math.abs(parse(dates[1]) - serverTime.getTime()) < 60_000, dates.join(" "));
});

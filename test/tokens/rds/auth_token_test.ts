import assert from "node:assert/strict";
import { CredentialsError, verifySignature } from "../../../src/sigv4/mod.ts";
import { rdsAuthToken, rdsDefaultPort, TokenInputError } from "../../../src/tokens/mod.ts";
import { tokenRequest } from "./token_arbitraries.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
const credentials = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: SECRET, sessionToken: SESSION };
const hostname = "prod.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com";
const date = new Date("2026-01-02T03:04:05Z");

function noSecretIn(error: Error): boolean {
  return !error.message.includes(SECRET) && !error.message.includes(SESSION);
}

Deno.test("rdsAuthToken presigns connect for rds-db, 900 s, region from the hostname", async () => {
  const token = await rdsAuthToken({ hostname, port: 5432, username: "app", credentials, date });
  assert.ok(token.startsWith(`${hostname}:5432/?Action=connect&DBUser=app&X-Amz-Algorithm=`));
  const params = new URLSearchParams(token.split("?")[1]);
  assert.equal(
    params.get("X-Amz-Credential"),
    "ASIAEXAMPLE/20260102/eu-west-1/rds-db/aws4_request",
  );
  assert.equal(params.get("X-Amz-Date"), "20260102T030405Z");
  assert.equal(params.get("X-Amz-Expires"), "900");
  assert.equal(params.get("X-Amz-SignedHeaders"), "host");
  assert.equal(params.get("X-Amz-Security-Token"), SESSION);

  const verified = await verifySignature(tokenRequest(token), {
    secretFor: (id) => id === credentials.accessKeyId ? SECRET : undefined,
    now: new Date(date.getTime() + 899_000),
    service: "rds-db",
  });
  assert.ok(verified.ok);
  assert.equal(verified.region, "eu-west-1");
  const late = await verifySignature(tokenRequest(token), {
    secretFor: () => SECRET,
    now: new Date(date.getTime() + 901_000),
  });
  assert.equal(late.ok, false);
});

Deno.test("rdsAuthToken takes an explicit region, expiresIn and a credential provider", async () => {
  const token = await rdsAuthToken({
    hostname: "10.0.0.5",
    port: 3306,
    username: "app",
    region: "us-east-2",
    credentials: () => Promise.resolve(credentials),
    date,
    expiresIn: 300,
  });
  assert.match(token, /^10\.0\.0\.5:3306\/\?Action=connect&DBUser=app&/);
  assert.match(token, /us-east-2%2Frds-db%2Faws4_request/);
  assert.match(token, /X-Amz-Expires=300&/);
});

Deno.test("rdsAuthToken reads the region of China, proxy and custom endpoints", async () => {
  for (
    const [host, region] of [
      ["db.cluster-abc.cn-north-1.rds.amazonaws.com.cn", "cn-north-1"],
      ["db.abc.rds.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"],
      ["px.proxy-abc.ap-south-1.rds.amazonaws.com", "ap-south-1"],
      ["cu.cluster-custom-abc.us-gov-west-1.rds.amazonaws.com", "us-gov-west-1"],
      ["inst.abc.sa-east-1.rds.amazonaws.com", "sa-east-1"],
    ]
  ) {
    const token = await rdsAuthToken({ hostname: host, port: 5432, username: "u", credentials });
    assert.ok(token.includes(`%2F${region}%2Frds-db%2F`), host);
  }
});

Deno.test("rdsAuthToken rejects bad input with TokenInputError and no secret in the message", async () => {
  const base = { hostname, port: 5432, username: "app", credentials };
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { hostname: "db.example.com" },
      /No region given and none found in hostname "db\.example\.com"/,
    ],
    [{ hostname: "" }, /hostname is missing/],
    [{ hostname: `https://${hostname}` }, /has a scheme/],
    [{ hostname: `${hostname}/path` }, /not a bare DNS name/],
    [{ hostname: `${hostname}:5432` }, /not a bare DNS name/],
    [{ hostname: "user@host.example.com", region: "us-east-1" }, /not a bare DNS name/],
    [{ port: 0 }, /port must be an integer from 1 to 65535, got 0/],
    [{ port: 70000 }, /got 70000/],
    [{ port: 1.5 }, /got 1\.5/],
    [{ port: "5432" }, /got string/],
    [{ username: "" }, /username is missing or empty/],
    [{ username: "app\u0000" }, /control character/],
    [{ username: "a\ud800b" }, /unpaired surrogate/],
    [{ region: "US East" }, /not an AWS region name/],
    [{ expiresIn: 901 }, /expiresIn must be an integer number of seconds from 1 to 900/],
  ];
  for (const [override, message] of cases) {
    await assert.rejects(
      // deno-lint-ignore no-explicit-any
      rdsAuthToken({ ...base, ...override } as any),
      (error: Error) =>
        error instanceof TokenInputError && message.test(error.message) && noSecretIn(error),
      JSON.stringify(override),
    );
  }
});

Deno.test("rdsAuthToken rejects expired credentials with the signer's CredentialsError", async () => {
  await assert.rejects(
    rdsAuthToken({
      hostname,
      port: 5432,
      username: "app",
      credentials: { ...credentials, expiration: new Date(Date.now() - 1000) },
    }),
    (error: Error) => error instanceof CredentialsError && noSecretIn(error),
  );
});

Deno.test("rdsDefaultPort knows postgres, mysql and mariadb", () => {
  assert.equal(rdsDefaultPort("postgres"), 5432);
  assert.equal(rdsDefaultPort("mysql"), 3306);
  assert.equal(rdsDefaultPort("mariadb"), 3306);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => rdsDefaultPort("oracle" as any), TokenInputError);
});

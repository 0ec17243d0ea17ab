// The Query endpoint at `/` dispatches on the SigV4 scope's service, the Action and the
// Version, and answers InvalidAction for anything it cannot route.
import assert from "node:assert/strict";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { startEmulator } from "./emulator.ts";
import { callSts, errorOf, xmlValue } from "./sts_requests.ts";

Deno.test("an unknown action, a missing Version or another service's scope is InvalidAction", async () => {
  await using emulator = await startEmulator();
  const cases: [Record<string, string>, string | undefined, RegExp][] = [
    [
      { Action: "AssumeRoot" },
      undefined,
      /Could not find operation AssumeRoot for version 2011-06-15/,
    ],
    [{ Action: "GetCallerIdentity", Version: "2010-01-01" }, undefined, /version 2010-01-01/],
    [{ Action: "GetCallerIdentity" }, "iam", /no Query API for the service 'iam'/],
    // Redshift is served, but not STS's actions.
    [{ Action: "GetCallerIdentity" }, "redshift", /Could not find operation GetCallerIdentity/],
    [{ Action: "GetCallerIdentity" }, "execute-api", /service 'execute-api'/],
  ];
  for (const [params, service, message] of cases) {
    const result = await callSts(emulator, params, { service });
    assert.deepEqual(errorOf(result), [400, "InvalidAction"], JSON.stringify(params));
    assert.match(xmlValue(result.body, "Message") ?? "", message);
  }
  const request = new Request(`${emulator.url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "Action=GetCallerIdentity",
  });
  const signed = await new SigV4Signer({
    credentials: emulator.credentials,
    region: "us-east-1",
    service: "sts",
  }).sign(request);
  const noVersion = await fetch(signed);
  assert.equal(noVersion.status, 400);
  assert.match(
    await noVersion.text(),
    /Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED/,
  );
});

Deno.test("only STS's two anonymous actions pass unsigned, and only on /", async () => {
  await using emulator = await startEmulator();
  const query = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15";
  // Reaches STS (400: no token), not the verifier (403).
  const byGet = await fetch(`${emulator.url}/?${query}`);
  assert.deepEqual(errorOf({ status: byGet.status, body: await byGet.text() }), [
    400,
    "ValidationError",
  ]);
  for (
    const url of [
      `${emulator.url}/echo/?${query}`,
      `${emulator.url}/?Action=GetCallerIdentity&Version=2011-06-15`,
      `${emulator.url}/?Action=GetSessionToken&Version=2011-06-15`,
    ]
  ) {
    const response = await fetch(url);
    assert.deepEqual(errorOf({ status: response.status, body: await response.text() }), [
      403,
      "MissingAuthenticationToken",
    ], url);
  }
  assert.deepEqual(emulator.state.stsCalls.map((call) => call.action), [
    "AssumeRoleWithWebIdentity",
  ]);
});

import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/mod.ts";
import type { CredentialProvider } from "../../../src/sigv4/credentials.ts";
import { StsClient } from "../../../src/sts/mod.ts";
import {
  AirflowConnectionError,
  fromAirflowConnection,
  fromAirflowEnv,
  parseAirflowConnection,
} from "../../../src/config/mod.ts";
import { startEmulator, type StsCall } from "../../emulator/emulator.ts";

const ROLE = "arn:aws:iam::112223334444:role/my_role";
const NO_ENV = explicitPlatform();

async function callerArn(credentials: CredentialProvider, url: string): Promise<string> {
  return (await new StsClient({ credentials, endpoint: url }).getCallerIdentity()).arn;
}

function lastCall(calls: StsCall[], action: string): Readonly<Record<string, string>> {
  const call = calls.findLast((c) => c.action === action);
  assert.ok(call, `no ${action} call`);
  return call.params;
}

function errorOf(run: () => unknown): AirflowConnectionError {
  try {
    run();
  } catch (error) {
    if (error instanceof AirflowConnectionError) return error;
    throw error;
  }
  throw new Error("no error");
}

Deno.test("the seed's URI: URL-encoded key and secret, extras from the query", async () => {
  await using emu = await startEmulator();
  const { accessKeyId, secretAccessKey } = emu.credentials;
  const uri = `aws://${encodeURIComponent(accessKeyId)}:${encodeURIComponent(secretAccessKey)}@/` +
    "?region_name=ap-southeast-2&endpoint_url=http%3A%2F%2F127.0.0.1%3A9000";
  const result = fromAirflowConnection(uri, { platform: NO_ENV });
  assert.equal(
    await callerArn(result.credentials, emu.url),
    "arn:aws:iam::123456789012:user/emulator-user",
  );
  assert.equal(result.region, "ap-southeast-2");
  assert.equal(result.endpoint, "http://127.0.0.1:9000");
  assert.deepEqual(result.notes, []);
  const seed = parseAirflowConnection(
    "aws://AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY@",
  );
  assert.equal(seed.password, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  assert.equal(seed.host, undefined);
});

Deno.test("URI parsing follows urlsplit: last @, first :, __extra__ JSON, host and port", () => {
  const parsed = parseAirflowConnection(
    "aws://a%40b:p%3Aw:x@Host.example:9000/my%20schema?__extra__=" +
      encodeURIComponent(
        '{"role_arn":"arn:aws:iam::1:role/r","assume_role_kwargs":{"DurationSeconds":900}}',
      ),
  );
  assert.equal(parsed.login, "a@b");
  assert.equal(parsed.password, "p:w:x");
  assert.equal(parsed.host, "host.example");
  assert.equal(parsed.port, 9000);
  assert.equal(parsed.schema, "my schema");
  assert.deepEqual(parsed.extra.assume_role_kwargs, { DurationSeconds: 900 });
});

Deno.test("connection JSON: extra as an object or as a JSON string; AIRFLOW_CONN_<ID> in both forms", async () => {
  await using emu = await startEmulator();
  const { accessKeyId, secretAccessKey } = emu.credentials;
  const json = JSON.stringify({
    conn_type: "aws",
    login: accessKeyId,
    password: secretAccessKey,
    extra: JSON.stringify({ region_name: "eu-west-1" }),
  });
  const platform = explicitPlatform({
    env: {
      AIRFLOW_CONN_AWS_JSON: json,
      AIRFLOW_CONN_AWS_URI: `aws://${accessKeyId}:${
        encodeURIComponent(secretAccessKey)
      }@/?region_name=eu-central-1`,
    },
  });
  const fromJson = fromAirflowEnv("aws_json", { platform });
  assert.equal(fromJson.region, "eu-west-1");
  assert.match(await callerArn(fromJson.credentials, emu.url), /emulator-user/);
  const fromUri = fromAirflowEnv("aws_uri", { platform });
  assert.equal(fromUri.region, "eu-central-1");
  assert.match(await callerArn(fromUri.credentials, emu.url), /emulator-user/);
  const objectExtra = fromAirflowConnection({
    connType: "aws",
    login: accessKeyId,
    password: secretAccessKey,
    extra: { region_name: "us-west-1" },
  });
  assert.equal(objectExtra.region, "us-west-1");
  const missing = errorOf(() => fromAirflowEnv("nope", { platform }));
  assert.match(missing.message, /AIRFLOW_CONN_NOPE is not set/);
});

Deno.test("an empty aws:// connection uses the default chain", async () => {
  await using emu = await startEmulator();
  const platform = explicitPlatform({
    env: {
      AWS_ACCESS_KEY_ID: emu.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emu.credentials.secretAccessKey,
    },
  });
  const { credentials, region, notes } = fromAirflowConnection("aws://", { platform });
  assert.match(await callerArn(credentials, emu.url), /emulator-user/);
  assert.equal(region, undefined);
  assert.deepEqual(notes, []);
  const loginOnly = fromAirflowConnection("aws://AKIDONLY@/", { platform });
  assert.match(await callerArn(loginOnly.credentials, emu.url), /emulator-user/);
  assert.match(loginOnly.notes[0], /login and password are used only together/);
});

Deno.test("aws_session_token goes with login and password; extras and session_kwargs keys are fallbacks", async () => {
  await using emu = await startEmulator();
  const temporary = emu.state.addIdentity({ sessionToken: "FwoGZXIvYXdzE+/=token" });
  const extra = { aws_session_token: temporary.sessionToken };
  const viaLogin = fromAirflowConnection({
    connType: "aws",
    login: temporary.accessKeyId,
    password: temporary.secretAccessKey,
    extra,
  });
  assert.equal(await callerArn(viaLogin.credentials, emu.url), temporary.arn);
  const viaExtra = fromAirflowConnection({
    connType: "aws",
    extra: {
      ...extra,
      aws_access_key_id: temporary.accessKeyId,
      aws_secret_access_key: temporary.secretAccessKey,
    },
  });
  assert.equal(await callerArn(viaExtra.credentials, emu.url), temporary.arn);
  const viaSession = fromAirflowConnection({
    connType: "aws",
    extra: {
      session_kwargs: {
        aws_access_key_id: temporary.accessKeyId,
        aws_secret_access_key: temporary.secretAccessKey,
        aws_session_token: temporary.sessionToken,
        region_name: "sa-east-1",
      },
    },
  });
  assert.equal(await callerArn(viaSession.credentials, emu.url), temporary.arn);
  assert.equal(viaSession.region, "sa-east-1");
});

Deno.test("role_arn with external_id assumes the role as Airflow_<conn_id>; the emulator checks the id", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE, externalId: "ext-42" });
  const base = {
    connType: "aws",
    login: emu.credentials.accessKeyId,
    password: emu.credentials.secretAccessKey,
  };
  const options = { platform: NO_ENV, stsEndpoint: emu.url, connId: "aws default!" };
  const deprecated = fromAirflowConnection({
    ...base,
    extra: { role_arn: ROLE, external_id: "ext-42" },
  }, options);
  assert.equal(
    await callerArn(deprecated.credentials, emu.url),
    "arn:aws:sts::112223334444:assumed-role/my_role/Airflow_awsdefault",
  );
  const kwargs = fromAirflowConnection({
    ...base,
    extra: {
      role_arn: ROLE,
      assume_role_kwargs: {
        ExternalId: "ext-42",
        RoleSessionName: "nightly",
        DurationSeconds: 1800,
        Tags: [{ Key: "team", Value: "data" }],
        TransitiveTagKeys: ["team"],
        PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
        SourceIdentity: "alice",
        Policy:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      },
    },
  }, options);
  assert.match(await callerArn(kwargs.credentials, emu.url), /assumed-role\/my_role\/nightly$/);
  const call = lastCall(emu.state.stsCalls, "AssumeRole");
  assert.equal(call.DurationSeconds, "1800");
  assert.equal(call["Tags.member.1.Key"], "team");
  assert.equal(call["TransitiveTagKeys.member.1"], "team");
  assert.equal(call["PolicyArns.member.1.arn"], "arn:aws:iam::aws:policy/ReadOnlyAccess");
  assert.equal(call.SourceIdentity, "alice");
  const wrong = fromAirflowConnection(
    { ...base, extra: { role_arn: ROLE, external_id: "nope" } },
    options,
  );
  assert.ok((await wrong.credentials().catch((e) => e)) instanceof Error);
  const conflict = errorOf(() =>
    fromAirflowConnection({
      ...base,
      extra: { role_arn: ROLE, external_id: "a", assume_role_kwargs: { ExternalId: "b" } },
    })
  );
  assert.equal(conflict.extra, "external_id");
});

Deno.test("aws_account_id + aws_iam_role form the role ARN; one without the other is an error", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const base = {
    connType: "aws",
    login: emu.credentials.accessKeyId,
    password: emu.credentials.secretAccessKey,
  };
  const { credentials } = fromAirflowConnection(
    { ...base, extra: { aws_account_id: "112223334444", aws_iam_role: "my_role" } },
    { platform: NO_ENV, stsEndpoint: emu.url },
  );
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/my_role\//);
  assert.equal(
    errorOf(() => fromAirflowConnection({ ...base, extra: { aws_iam_role: "my_role" } })).extra,
    "aws_account_id",
  );
});

Deno.test("assume_role_kwargs SerialNumber + TokenCode pass MFA to AssumeRole", async () => {
  await using emu = await startEmulator();
  const serial = "arn:aws:iam::112223334444:mfa/airflow";
  emu.state.addRole({ arn: ROLE, requireMfa: { serialNumber: serial, code: "314159" } });
  const { credentials } = fromAirflowConnection(
    {
      connType: "aws",
      login: emu.credentials.accessKeyId,
      password: emu.credentials.secretAccessKey,
      extra: { role_arn: ROLE, assume_role_kwargs: { SerialNumber: serial, TokenCode: "314159" } },
    },
    { platform: NO_ENV, stsEndpoint: emu.url },
  );
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/my_role\//);
  const noCode = errorOf(() =>
    fromAirflowConnection({
      connType: "aws",
      extra: { role_arn: ROLE, assume_role_kwargs: { SerialNumber: serial } },
    })
  );
  assert.equal(noCode.extra, "assume_role_kwargs.TokenCode");
});

Deno.test("assume_role_kwargs: unknown keys and bad shapes are errors naming the key", () => {
  const of = (kwargs: Record<string, unknown>, method = "assume_role") =>
    errorOf(() =>
      fromAirflowConnection({
        connType: "aws",
        extra: { role_arn: ROLE, assume_role_method: method, assume_role_kwargs: kwargs },
      })
    );
  const unknown = of({ ExternalID: "x" });
  assert.equal(unknown.extra, "assume_role_kwargs.ExternalID");
  assert.match(unknown.message, /Did you mean ExternalId\? Supported: RoleSessionName, ExternalId/);
  assert.match(
    of({ Policy: "{}" }, "assume_role_with_saml").message,
    /Supported: DurationSeconds\./,
  );
  assert.equal(of({ DurationSeconds: "soon" }).extra, "assume_role_kwargs.DurationSeconds");
  assert.equal(of({ Tags: [{ Key: "k" }] }).extra, "assume_role_kwargs.Tags");
  const method = errorOf(() =>
    fromAirflowConnection({
      connType: "aws",
      extra: { role_arn: ROLE, assume_role_method: "assume_role_with_magic" },
    })
  );
  assert.equal(method.extra, "assume_role_method");
  assert.match(
    method.message,
    /Supported: assume_role, assume_role_with_saml, assume_role_with_web_identity/,
  );
});

Deno.test("profile_name (or session_kwargs.profile_name) reads the shared files, with role_arn on top", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const platform = explicitPlatform({
    homeDir: "/home/airflow",
    files: {
      "/home/airflow/.aws/credentials":
        `[my_profile]\naws_access_key_id = ${emu.credentials.accessKeyId}\n` +
        `aws_secret_access_key = ${emu.credentials.secretAccessKey}\n`,
    },
  });
  for (
    const extra of [{ profile_name: "my_profile" }, {
      session_kwargs: { profile_name: "my_profile" },
    }]
  ) {
    const { credentials, notes } = fromAirflowConnection({ connType: "aws", extra }, { platform });
    assert.match(await callerArn(credentials, emu.url), /emulator-user/);
    assert.deepEqual(notes, []);
  }
  const role = fromAirflowConnection(
    { connType: "aws", extra: { profile_name: "my_profile", role_arn: ROLE } },
    { platform, stsEndpoint: emu.url },
  );
  assert.match(await callerArn(role.credentials, emu.url), /assumed-role\/my_role\//);
});

Deno.test("service_config.sts.endpoint_url is where AssumeRole goes; endpoint_url is not", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  const { credentials, endpoint } = fromAirflowConnection({
    connType: "aws",
    login: emu.credentials.accessKeyId,
    password: emu.credentials.secretAccessKey,
    extra: {
      role_arn: ROLE,
      endpoint_url: "http://127.0.0.1:1",
      service_config: { sts: { endpoint_url: emu.url } },
    },
  }, { platform: NO_ENV });
  assert.match(await callerArn(credentials, emu.url), /assumed-role\/my_role\//);
  assert.equal(endpoint, "http://127.0.0.1:1");
});

Deno.test("client settings, the host extra and unknown extras become notes; a typo is an error", () => {
  const { endpoint, notes } = fromAirflowConnection(
    {
      connType: "aws",
      host: "ignored.example",
      login: "AKIDEXAMPLE",
      password: "SECRET-airflow-value",
      extra: {
        host: "http://legacy.example:4566",
        config_kwargs: { proxies: { https: "http://proxy:8080" } },
        verify: false,
        botocore_config: {},
        s3: { addressing_style: "path" },
        assume_role_method: "assume_role",
      },
    },
    { platform: NO_ENV },
  );
  assert.equal(endpoint, "http://legacy.example:4566");
  assert.deepEqual(notes.map((n) => n.split(" ")[0]), [
    "The",
    "The",
    "assume_role_method",
    "config_kwargs",
    "botocore_config",
    "verify",
    "s3",
  ]);
  assert.ok(!notes.join().includes("SECRET-airflow-value"));
  const typo = errorOf(() => fromAirflowConnection({ connType: "aws", extra: { role_ar: ROLE } }));
  assert.equal(typo.extra, "role_ar");
  assert.match(typo.message, /did you mean role_arn\?/);
});

Deno.test("malformed connections are errors that never quote a secret", () => {
  const secret = "SECRET-malformed-7f3a";
  const cases = [
    `aws://AKID:${secret}%ZZ@/`,
    `{"conn_type":"aws","password":"${secret}",}`,
    `{"conn_type":"aws","password":"${secret}","passwd":"x"}`,
    `{"conn_type":"aws","password":"${secret}","extra":"{not json ${secret}"}`,
    `{"conn_type":"aws","password":"${secret}","extra":[1]}`,
    `not a uri ${secret}`,
  ];
  for (const text of cases) {
    const error = errorOf(() => fromAirflowConnection(text));
    assert.ok(!error.message.includes(secret), error.message);
    assert.ok(!String(error.cause ?? "").includes(secret), text);
  }
});

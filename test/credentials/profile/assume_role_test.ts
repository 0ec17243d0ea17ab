// role_arn profiles: source_profile chains, cycles, credential_source, MFA and the AssumeRole parameters.
import assert from "node:assert/strict";
import {
  CredentialSettingError,
  ProviderOptionMissingError,
} from "../../../src/credentials/errors.ts";
import {
  ProfileNotFoundError,
  SourceProfileCycleError,
} from "../../../src/credentials/profile/errors.ts";
import { fromIni, type FromIniOptions } from "../../../src/sts/from_ini.ts";
import { fromStatic } from "../../../src/credentials/from_static.ts";
import { resolveProfileCredentials } from "../../../src/credentials/profile/resolve.ts";
import { loadSharedConfig } from "../../../src/credentials/profile/shared_config.ts";
import { BASE_KEYS, platformWith, recordingAssumer, rejection } from "./ini_fixtures.ts";

Deno.test("role_arn + source_profile assumes the role with the source's credentials", async () => {
  const { calls, roleAssumer } = recordingAssumer();
  const before = Date.now();
  const credentials = await fromIni({
    platform: platformWith(
      "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n" +
        "external_id = ext-1\nduration_seconds = 900\n",
      BASE_KEYS,
    ),
    profile: "admin",
    roleAssumer,
  })();
  assert.equal(credentials.accessKeyId, "AKIDBASE>admin");
  assert.equal(calls.length, 1);
  assert.equal(calls[0].source.accessKeyId, "AKIDBASE");
  assert.equal(calls[0].source.secretAccessKey, "secretbase");
  const { RoleSessionName, ...params } = calls[0].params;
  assert.deepEqual(params, {
    RoleArn: "arn:aws:iam::123456789012:role/admin",
    ExternalId: "ext-1",
    DurationSeconds: 900,
  });
  const timestamp = Number(RoleSessionName.replace(/^iamfetch-/, ""));
  assert.ok(timestamp >= before && timestamp <= Date.now(), RoleSessionName);
});

Deno.test("role_session_name is passed as given and DurationSeconds only when set", async () => {
  const { calls, roleAssumer } = recordingAssumer();
  await fromIni({
    platform: platformWith(
      "[profile admin]\nrole_arn = arn:aws:iam::1:role/admin\nsource_profile = base\nrole_session_name = me\n",
      BASE_KEYS,
    ),
    profile: "admin",
    roleAssumer,
  })();
  assert.deepEqual(calls[0].params, {
    RoleArn: "arn:aws:iam::1:role/admin",
    RoleSessionName: "me",
  });
});

Deno.test("source_profile chains assume each role in turn", async () => {
  const { calls, roleAssumer } = recordingAssumer();
  const credentials = await fromIni({
    platform: platformWith(
      "[profile one]\nrole_arn = arn:aws:iam::1:role/one\nsource_profile = base\n" +
        "[profile two]\nrole_arn = arn:aws:iam::1:role/two\nsource_profile = one\n" +
        "[profile three]\nrole_arn = arn:aws:iam::1:role/three\nsource_profile = two\n",
      BASE_KEYS,
    ),
    profile: "three",
    roleAssumer,
  })();
  assert.equal(credentials.accessKeyId, "AKIDBASE>one>two>three");
  assert.deepEqual(calls.map((call) => call.source.accessKeyId), [
    "AKIDBASE",
    "AKIDBASE>one",
    "AKIDBASE>one>two",
  ]);
});

Deno.test("a profile may name itself as source_profile to assume a role with its own keys", async () => {
  const { roleAssumer } = recordingAssumer();
  const credentials = await fromIni({
    platform: platformWith(
      "",
      "[self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = s\n" +
        "role_arn = arn:aws:iam::1:role/self\nsource_profile = self\n",
    ),
    profile: "self",
    roleAssumer,
  })();
  assert.equal(credentials.accessKeyId, "AKIDSELF>self");
});

Deno.test("a source profile's static keys win over its role_arn; the asked profile's role wins over its keys", async () => {
  const { roleAssumer } = recordingAssumer();
  const platform = platformWith(
    "[profile mixed]\nrole_arn = arn:aws:iam::1:role/mixed\nsource_profile = base\n" +
      "aws_access_key_id = AKIDMIXED\naws_secret_access_key = s\n" +
      "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = mixed\n",
    BASE_KEYS,
  );
  assert.equal(
    (await fromIni({ platform, profile: "mixed", roleAssumer })()).accessKeyId,
    "AKIDBASE>mixed",
  );
  assert.equal(
    (await fromIni({ platform, profile: "top", roleAssumer })()).accessKeyId,
    "AKIDMIXED>top",
  );
});

Deno.test("a source_profile cycle is SourceProfileCycleError naming the profiles", async () => {
  const { roleAssumer, calls } = recordingAssumer();
  const platform = platformWith(
    "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n" +
      "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n" +
      "[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = a\n" +
      "[profile me]\nrole_arn = arn:aws:iam::1:role/me\nsource_profile = me\n",
  );
  const error = await rejection(fromIni({ platform, profile: "a", roleAssumer })());
  assert.ok(error instanceof SourceProfileCycleError);
  assert.deepEqual(error.profiles, ["a", "b", "c", "a"]);
  assert.match(error.message, /a -> b -> c -> a/);
  const self = await rejection(fromIni({ platform, profile: "me", roleAssumer })());
  assert.ok(self instanceof SourceProfileCycleError);
  assert.deepEqual(self.profiles, ["me", "me"]);
  assert.equal(calls.length, 0);
});

Deno.test("a cycle is reported even without a roleAssumer", async () => {
  const error = await rejection(
    fromIni({
      platform: platformWith(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n" +
          "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n",
      ),
      profile: "a",
    })(),
  );
  assert.ok(error instanceof SourceProfileCycleError);
});

Deno.test("a missing source profile stops a chain, naming both profiles", async () => {
  const { roleAssumer } = recordingAssumer();
  const error = await rejection(
    fromIni({
      platform: platformWith(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = gone\n",
      ),
      profile: "a",
      roleAssumer,
    })(),
  );
  assert.ok(error instanceof ProfileNotFoundError);
  assert.equal(error.profile, "gone");
  assert.equal(error.tryNextLink, false);
  assert.match(error.message, /Profile gone, the source_profile of profile a,/);
});

Deno.test("resolveProfileCredentials without a roleAssumer: a role profile throws ProviderOptionMissingError", async () => {
  const platform = platformWith(
    "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n",
    BASE_KEYS,
  );
  const error = await rejection(
    resolveProfileCredentials("a", await loadSharedConfig(platform), { platform }),
  );
  assert.ok(error instanceof ProviderOptionMissingError);
  assert.equal(error.option, "roleAssumer");
  assert.match(error.message, /Profile a/);
});

Deno.test("duration_seconds that is not a number is CredentialSettingError", async () => {
  const { roleAssumer } = recordingAssumer();
  const error = await rejection(
    fromIni({
      platform: platformWith(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\nduration_seconds = 1h\n",
        BASE_KEYS,
      ),
      profile: "a",
      roleAssumer,
    })(),
  );
  assert.ok(error instanceof CredentialSettingError);
  assert.equal(error.setting, "duration_seconds");
  assert.equal(error.source, "profile a");
});

Deno.test("mfa_serial asks mfaCodeProvider for the code and sends SerialNumber and TokenCode", async () => {
  const { calls, roleAssumer } = recordingAssumer();
  const asked: string[] = [];
  await fromIni({
    platform: platformWith(
      "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n",
      BASE_KEYS,
    ),
    profile: "a",
    roleAssumer,
    mfaCodeProvider: (serial) => {
      asked.push(serial);
      return Promise.resolve("123456");
    },
  })();
  assert.deepEqual(asked, ["arn:aws:iam::1:mfa/me"]);
  assert.equal(calls[0].params.SerialNumber, "arn:aws:iam::1:mfa/me");
  assert.equal(calls[0].params.TokenCode, "123456");
});

Deno.test("mfa_serial without an mfaCodeProvider is ProviderOptionMissingError", async () => {
  const { roleAssumer, calls } = recordingAssumer();
  const error = await rejection(
    fromIni({
      platform: platformWith(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n",
        BASE_KEYS,
      ),
      profile: "a",
      roleAssumer,
    })(),
  );
  assert.ok(error instanceof ProviderOptionMissingError);
  assert.equal(error.option, "mfaCodeProvider");
  assert.equal(calls.length, 0);
});

Deno.test("credential_source = Environment assumes the role with the environment's keys", async () => {
  const { calls, roleAssumer } = recordingAssumer();
  const credentials = await fromIni({
    platform: platformWith(
      "[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Environment\n",
      "",
      {
        AWS_ACCESS_KEY_ID: "AKIDENV",
        AWS_SECRET_ACCESS_KEY: "secretenv",
      },
    ),
    profile: "a",
    roleAssumer,
  })();
  assert.equal(credentials.accessKeyId, "AKIDENV>a");
  assert.equal(calls[0].source.secretAccessKey, "secretenv");
});

Deno.test("credential_source uses the injected Ec2InstanceMetadata and EcsContainer providers", async () => {
  const { roleAssumer } = recordingAssumer();
  const platform = platformWith(
    "[profile ec2]\nrole_arn = arn:aws:iam::1:role/ec2\ncredential_source = Ec2InstanceMetadata\n" +
      "[profile ecs]\nrole_arn = arn:aws:iam::1:role/ecs\ncredential_source = EcsContainer\n",
  );
  const credentialSources = {
    Ec2InstanceMetadata: fromStatic({ accessKeyId: "AKIDIMDS", secretAccessKey: "s" }),
    EcsContainer: fromStatic({ accessKeyId: "AKIDECS", secretAccessKey: "s" }),
  };
  const options: FromIniOptions = { platform, roleAssumer, credentialSources };
  assert.equal((await fromIni({ ...options, profile: "ec2" })()).accessKeyId, "AKIDIMDS>ec2");
  assert.equal((await fromIni({ ...options, profile: "ecs" })()).accessKeyId, "AKIDECS>ecs");
  // The pluggable core needs the provider passed; fromIni brings fromContainer by default.
  const error = await rejection(
    resolveProfileCredentials("ecs", await loadSharedConfig(platform), { platform, roleAssumer }),
  );
  assert.ok(error instanceof ProviderOptionMissingError);
  assert.equal(error.option, "credentialSources.EcsContainer");
});

Deno.test("an unknown credential_source is CredentialSettingError naming the profile and the valid values", async () => {
  const { roleAssumer } = recordingAssumer();
  const error = await rejection(
    fromIni({
      platform: platformWith(
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = environment\n",
      ),
      profile: "a",
      roleAssumer,
    })(),
  );
  assert.ok(error instanceof CredentialSettingError);
  assert.equal(error.source, "profile a");
  assert.equal(error.setting, "credential_source");
  assert.match(error.message, /Environment, Ec2InstanceMetadata, EcsContainer/);
});

Deno.test("a source profile with credential_source and no role_arn gives the source's credentials", async () => {
  const { calls, roleAssumer } = recordingAssumer();
  const credentials = await fromIni({
    platform: platformWith(
      "[profile src]\ncredential_source = Environment\n" +
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = src\n",
      "",
      { AWS_ACCESS_KEY_ID: "AKIDENV", AWS_SECRET_ACCESS_KEY: "s" },
    ),
    profile: "a",
    roleAssumer,
  })();
  assert.equal(credentials.accessKeyId, "AKIDENV>a");
  assert.equal(calls.length, 1);
});

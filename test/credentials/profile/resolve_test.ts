import assert from "node:assert/strict";
import {
  CredentialSettingError,
  ProcessCredentialsError,
  ProviderOptionMissingError,
} from "../../../src/credentials/errors.ts";
import { ProfileNotFoundError } from "../../../src/credentials/profile/errors.ts";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { fromIni } from "../../../src/sts/from_ini.ts";
import type { Platform } from "../../../src/credentials/platform/types.ts";
import { resolveProfileCredentials } from "../../../src/credentials/profile/resolve.ts";
import { loadSharedConfig } from "../../../src/credentials/profile/shared_config.ts";
import { BASE_KEYS, HOME, platformWith, recordingAssumer, rejection } from "./ini_fixtures.ts";
import { renderings } from "../../security/assert_no_secrets.ts";

Deno.test("fromIni returns a profile's static keys and session token", async () => {
  const platform = platformWith(
    "",
    "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n" +
      "[temp]\naws_access_key_id = ASIATEMP\naws_secret_access_key = s2\naws_session_token = tok\n",
  );
  const credentials = await fromIni({ platform })();
  assert.equal(credentials.accessKeyId, "AKIDDEFAULT");
  assert.equal(credentials.sessionToken, undefined);
  const temp = await fromIni({ platform, profile: "temp" })();
  assert.deepEqual(
    [temp.accessKeyId, temp.secretAccessKey, temp.sessionToken],
    ["ASIATEMP", "s2", "tok"],
  );
});

Deno.test("fromIni picks the profile from the option, else AWS_PROFILE, else default", async () => {
  const credentials = "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n" +
    "[env]\naws_access_key_id = AKIDENV\naws_secret_access_key = s\n" +
    "[option]\naws_access_key_id = AKIDOPTION\naws_secret_access_key = s\n";
  const withEnv = platformWith("", credentials, { AWS_PROFILE: "env" });
  assert.equal((await fromIni({ platform: withEnv })()).accessKeyId, "AKIDENV");
  assert.equal(
    (await fromIni({ platform: withEnv, profile: "option" })()).accessKeyId,
    "AKIDOPTION",
  );
  assert.equal(
    (await fromIni({ platform: platformWith("", credentials) })()).accessKeyId,
    "AKIDDEFAULT",
  );
});

Deno.test("fromIni reads the files on every call", async () => {
  const files: Record<string, string> = {
    [`${HOME}/.aws/credentials`]:
      "[default]\naws_access_key_id = AKIDONE\naws_secret_access_key = s\n",
  };
  const provider = fromIni({ platform: explicitPlatform({ homeDir: HOME, files }) });
  assert.equal((await provider()).accessKeyId, "AKIDONE");
  files[`${HOME}/.aws/credentials`] =
    "[default]\naws_access_key_id = AKIDTWO\naws_secret_access_key = s\n";
  assert.equal((await provider()).accessKeyId, "AKIDTWO");
});

Deno.test("a missing profile is ProfileNotFoundError that lets a chain go on", async () => {
  const error = await rejection(
    fromIni({ platform: platformWith("", BASE_KEYS), profile: "nope" })(),
  );
  assert.ok(error instanceof ProfileNotFoundError);
  assert.equal(error.profile, "nope");
  assert.equal(error.tryNextLink, true);
  assert.match(error.message, /nope.*\/home\/me\/\.aws\/config or \/home\/me\/\.aws\/credentials/);
});

Deno.test("a profile without credential settings is ProfileNotFoundError listing what would do", async () => {
  const error = await rejection(
    fromIni({ platform: platformWith("[profile bare]\nregion = eu-west-1\n"), profile: "bare" })(),
  );
  assert.ok(error instanceof ProfileNotFoundError);
  assert.match(
    error.message,
    /no credential settings.*aws_access_key_id.*source_profile.*credential_process/,
  );
});

Deno.test("web_identity_token_file + role_arn calls webIdentityAssumer with the file's token", async () => {
  const seen: unknown[] = [];
  const platform = platformWith(
    "[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\nweb_identity_token_file = /var/run/token\nrole_session_name = ci-run\n" +
      "[profile broken]\nrole_arn = arn:aws:iam::1:role/ci\nweb_identity_token_file = /nope\n",
    "",
    {},
    { "/var/run/token": "eyJhbGciOi.token\n" },
  );
  const webIdentityAssumer = (params: unknown) => {
    seen.push(params);
    return Promise.resolve({ accessKeyId: "ASIAWEB", secretAccessKey: "s", sessionToken: "t" });
  };
  const credentials = await fromIni({ platform, profile: "ci", webIdentityAssumer })();
  assert.equal(credentials.accessKeyId, "ASIAWEB");
  assert.deepEqual(seen, [{
    RoleArn: "arn:aws:iam::1:role/ci",
    RoleSessionName: "ci-run",
    WebIdentityToken: "eyJhbGciOi.token",
  }]);
  const missingFile = await rejection(
    fromIni({ platform, profile: "broken", webIdentityAssumer })(),
  );
  assert.ok(missingFile instanceof CredentialSettingError);
  assert.equal(missingFile.setting, "web_identity_token_file");
  // The pluggable core without the callback (fromIni brings an STS-backed one).
  const missingOption = await rejection(
    resolveProfileCredentials("ci", await loadSharedConfig(platform), { platform }),
  );
  assert.ok(missingOption instanceof ProviderOptionMissingError);
  assert.equal(missingOption.option, "webIdentityAssumer");
});

Deno.test("credential_process runs through the platform with the profile's command line", async () => {
  const runs: unknown[] = [];
  const platform: Platform = {
    ...platformWith("[profile p]\ncredential_process = /opt/bin/creds --account 'my account'\n"),
    runProcess: (command, options) => {
      runs.push([command, options.args]);
      return Promise.resolve({
        code: 0,
        stdout: JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROC", SecretAccessKey: "s" }),
        stderr: "",
      });
    },
  };
  assert.equal((await fromIni({ platform, profile: "p" })()).accessKeyId, "AKIDPROC");
  assert.deepEqual(runs, [["/opt/bin/creds", ["--account", "my account"]]]);
  const noProcesses = await rejection(
    fromIni({ platform: platformWith("[profile p]\ncredential_process = x\n"), profile: "p" })(),
  );
  assert.ok(noProcesses instanceof ProcessCredentialsError);
  assert.match(noProcesses.message, /profile p/);
});

Deno.test("sso_session profiles go to ssoCredentialsResolver with the session's settings", async () => {
  const seen: unknown[] = [];
  const platform = platformWith(
    "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n" +
      "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n" +
      "[profile legacy]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\n" +
      "sso_account_id = 1\nsso_role_name = R\n" +
      "[profile orphan]\nsso_session = gone\n",
  );
  const ssoCredentialsResolver = (profile: unknown) => {
    seen.push(JSON.parse(JSON.stringify(profile)));
    return Promise.resolve({ accessKeyId: "ASIASSO", secretAccessKey: "s", sessionToken: "t" });
  };
  assert.equal(
    (await fromIni({ platform, profile: "dev", ssoCredentialsResolver })()).accessKeyId,
    "ASIASSO",
  );
  assert.deepEqual(seen[0], {
    profileName: "dev",
    settings: { sso_session: "corp", sso_account_id: "123456789012", sso_role_name: "Dev" },
    ssoSession: { sso_region: "eu-west-1", sso_start_url: "https://corp.awsapps.com/start" },
  });
  await fromIni({ platform, profile: "legacy", ssoCredentialsResolver })();
  assert.equal((seen[1] as { ssoSession?: unknown }).ssoSession, undefined);
  const orphan = await rejection(
    fromIni({ platform, profile: "orphan", ssoCredentialsResolver })(),
  );
  assert.ok(orphan instanceof CredentialSettingError);
  assert.equal(orphan.setting, "sso_session");
  const noOption = await rejection(
    resolveProfileCredentials("dev", await loadSharedConfig(platform), { platform }),
  );
  assert.ok(noOption instanceof ProviderOptionMissingError);
  assert.equal(noOption.option, "ssoCredentialsResolver");
});

Deno.test("fromIni's credentials, static or assumed, keep secrets out of JSON and inspect", async () => {
  const { roleAssumer } = recordingAssumer();
  const platform = platformWith(
    "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = base\n",
    BASE_KEYS,
  );
  for (const profile of ["base", "a"]) {
    const credentials = await fromIni({ platform, profile, roleAssumer })();
    for (const shown of renderings(credentials)) {
      assert.ok(!shown.includes(credentials.secretAccessKey), `${profile}: ${shown}`);
      assert.ok(shown.includes(credentials.accessKeyId));
    }
  }
});

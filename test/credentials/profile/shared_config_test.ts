import assert from "node:assert/strict";
import { CredentialsProviderError } from "../../../src/credentials/errors.ts";
import { IniSyntaxError } from "../../../src/credentials/profile/errors.ts";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import type { Platform } from "../../../src/credentials/platform/types.ts";
import { loadSharedConfig } from "../../../src/credentials/profile/shared_config.ts";

const HOME = "/home/me";
const CONFIG = `${HOME}/.aws/config`;
const CREDENTIALS = `${HOME}/.aws/credentials`;

function platformWith(files: Record<string, string>, env: Record<string, string> = {}) {
  return explicitPlatform({ homeDir: HOME, files, env });
}

const plain = (settings: Readonly<Record<string, string>> | undefined) =>
  settings === undefined ? undefined : { ...settings };

Deno.test("loadSharedConfig reads ~/.aws/config and ~/.aws/credentials by default", async () => {
  const config = await loadSharedConfig(platformWith({
    [CONFIG]: "[profile dev]\nregion = eu-west-1\n",
    [CREDENTIALS]: "[prod]\naws_access_key_id = AKIDPROD\n",
  }));
  assert.equal(config.configFilepath, CONFIG);
  assert.equal(config.credentialsFilepath, CREDENTIALS);
  assert.deepEqual(plain(config.profiles.get("dev")), { region: "eu-west-1" });
  assert.deepEqual(plain(config.profiles.get("prod")), { aws_access_key_id: "AKIDPROD" });
});

Deno.test("loadSharedConfig takes AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, options over both", async () => {
  const files = {
    "/etc/aws/config": "[default]\nregion = from-env\n",
    "/etc/aws/credentials": "[default]\naws_access_key_id = AKIDENV\n",
    "/opt/config": "[default]\nregion = from-option\n",
    [CONFIG]: "[default]\nregion = from-home\n",
  };
  const env = {
    AWS_CONFIG_FILE: "/etc/aws/config",
    AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials",
  };
  const fromEnv = await loadSharedConfig(platformWith(files, env));
  assert.deepEqual(plain(fromEnv.profiles.get("default")), {
    region: "from-env",
    aws_access_key_id: "AKIDENV",
  });
  const fromOptions = await loadSharedConfig(platformWith(files, env), {
    configFilepath: "/opt/config",
    filepath: "/opt/missing",
  });
  assert.deepEqual(plain(fromOptions.profiles.get("default")), { region: "from-option" });
  // An empty variable is unset, as in AWS SDK v3.
  const emptyEnv = await loadSharedConfig(platformWith(files, { AWS_CONFIG_FILE: "" }));
  assert.deepEqual(plain(emptyEnv.profiles.get("default")), { region: "from-home" });
});

Deno.test("loadSharedConfig expands ~/ in paths to the home directory", async () => {
  const config = await loadSharedConfig(
    platformWith({ [`${HOME}/work/config`]: "[profile w]\nregion = x\n" }),
    { configFilepath: "~/work/config" },
  );
  assert.equal(config.configFilepath, `${HOME}/work/config`);
  assert.ok(config.profiles.has("w"));
});

Deno.test("loadSharedConfig treats missing files, and a missing home directory, as empty", async () => {
  const empty = await loadSharedConfig(platformWith({}));
  assert.equal(empty.profiles.size, 0);
  const homeless = await loadSharedConfig(
    explicitPlatform({ files: { [CONFIG]: "[default]\na=1\n" } }),
  );
  assert.equal(homeless.profiles.size, 0);
  assert.equal(homeless.configFilepath, undefined);
});

Deno.test("loadSharedConfig joins Windows home directories with backslashes", async () => {
  const config = await loadSharedConfig(explicitPlatform({
    homeDir: "C:\\Users\\me",
    files: { "C:\\Users\\me\\.aws\\config": "[default]\nregion = eu-west-1\n" },
  }));
  assert.equal(config.configFilepath, "C:\\Users\\me\\.aws\\config");
  assert.equal(config.profiles.get("default")?.region, "eu-west-1");
});

Deno.test("in the config file [profile x] is profile x and a bare [x] is ignored, except [default]", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]: "[default]\nregion = d\n[profile dev]\nregion = dev\n[test]\nregion = ignored\n" +
      '[profile "quoted"]\nregion = q\n[profile\ttabbed]\nregion = t\n[unknown kind]\nregion = no\n',
  }));
  assert.deepEqual([...profiles.keys()].sort(), ["default", "dev", "quoted", "tabbed"]);
});

Deno.test("[profile default] replaces [default] whole in the config file, as in AWS SDK v3", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]: "[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n",
  }));
  assert.deepEqual(plain(profiles.get("default")), { region: "b" });
  const emptyProfileDefault = await loadSharedConfig(platformWith({
    [CONFIG]: "[default]\nregion = a\n[profile default]\n# nothing\n",
  }));
  assert.deepEqual(plain(emptyProfileDefault.profiles.get("default")), { region: "a" });
});

Deno.test("in the credentials file [x] is profile x and [profile x] is not", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CREDENTIALS]: "[dev]\naws_access_key_id = AKID1\n[profile prod]\naws_access_key_id = AKID2\n",
  }));
  assert.ok(profiles.has("dev"));
  assert.ok(!profiles.has("prod"));
});

Deno.test("credentials-file values override config-file values key by key", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]: "[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIDCONFIG\nrole_arn = r\n",
    [CREDENTIALS]: "[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\n",
  }));
  assert.deepEqual(plain(profiles.get("dev")), {
    region: "eu-west-1",
    aws_access_key_id: "AKIDCREDS",
    aws_secret_access_key: "s",
    role_arn: "r",
  });
});

Deno.test("repeated and differently spelled sections merge in file order", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]: '[profile "a"]\nx = 1\ny = 1\n[profile a]\ny = 2\n[profile "a"]\nz = 3\n',
  }));
  assert.deepEqual(plain(profiles.get("a")), { x: "1", y: "2", z: "3" });
});

Deno.test("loadSharedConfig collects [sso-session x] and [services x] sections", async () => {
  const config = await loadSharedConfig(platformWith({
    [CONFIG]:
      "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n" +
      "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n",
  }));
  assert.equal(config.ssoSessions.get("corp")?.sso_region, "eu-west-1");
  assert.equal(config.services.get("local")?.["s3.endpoint_url"], "http://127.0.0.1:9000");
  assert.equal(config.profiles.size, 0);
});

Deno.test("profile settings have no prototype: a key named __proto__ is just a key", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]: "[profile p]\n__proto__ = x\nconstructor = y\n",
  }));
  const p = profiles.get("p")!;
  assert.equal(Object.getPrototypeOf(p), null);
  assert.equal(p.__proto__, "x");
  assert.equal(p.constructor, "y");
});

Deno.test("loadSharedConfig throws IniSyntaxError for a malformed file", async () => {
  await assert.rejects(
    loadSharedConfig(platformWith({ [CREDENTIALS]: "[default]\nnot a pair\n" })),
    (error: unknown) =>
      error instanceof IniSyntaxError && error.path === CREDENTIALS && error.line === 2,
  );
});

Deno.test("an unreadable file is a CredentialsProviderError naming the path", async () => {
  const platform: Platform = {
    ...platformWith({}),
    readTextFile: (path) =>
      path === CONFIG
        ? Promise.reject(Object.assign(new Error("denied"), { name: "PermissionDenied" }))
        : Promise.resolve(undefined),
  };
  await assert.rejects(loadSharedConfig(platform), (error: unknown) => {
    assert.ok(error instanceof CredentialsProviderError);
    assert.equal(error.tryNextLink, true);
    assert.match(error.message, /\/home\/me\/\.aws\/config/);
    assert.match(error.message, /PermissionDenied/);
    return true;
  });
});

Deno.test("[ default ] and [ profile x ] are no profiles, as in botocore and AWS SDK v3", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]: "[ default ]\nregion = a\n[ profile x ]\nregion = b\n[profile y]\nregion = c\n",
    [CREDENTIALS]: "[ z ]\naws_access_key_id = AKIDZ\n",
  }));
  assert.deepEqual([...profiles.keys()].sort(), [" z ", "y"]);
});

Deno.test("[profile  dev] and [profile dev ] name dev, as in botocore (AWS SDK v3 ignores them)", async () => {
  const { profiles } = await loadSharedConfig(platformWith({
    [CONFIG]:
      "[profile  dev]\nregion = b\n[profile prod ]\nregion = c\n[profile two words]\nd = 1\n",
  }));
  assert.deepEqual([...profiles.keys()].sort(), ["dev", "prod"]);
});

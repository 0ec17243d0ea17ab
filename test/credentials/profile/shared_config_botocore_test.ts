// Section headers of ~/.aws/config and ~/.aws/credentials as botocore (the AWS CLI's config
// loader) reads them, run through python3 found on PATH, against loadSharedConfig.
import assert from "node:assert/strict";
import { denoPlatform } from "../../../src/credentials/platform/deno.ts";
import { loadSharedConfig } from "../../../src/credentials/profile/shared_config.ts";
import { findProgram } from "../../find_program.ts";

// Every header form here is read alike by botocore and iamfetch. Where AWS SDK v3 differs
// (`[profile  x]`, `[profile x ]`, `[profile "a b"]` are no profiles for the SDK), iamfetch
// follows botocore: a profile the AWS CLI uses is one iamfetch uses. botocore's one quirk
// left out: `[profilex y]` is profile `y` for it (it tests `startswith("profile")`); for
// iamfetch and the SDK it is no section at all.
const CONFIG_HEADERS = [
  "[default]",
  "[ default ]", // padded: no profile for botocore nor AWS SDK v3
  "[ profile padded ]",
  "[profile plain]",
  "[profile  two-spaces]",
  "[profile\ttab]",
  "[profile trailing ]",
  '[profile "quoted"]',
  "[profile 'single']",
  '[profile "with space"]',
  "[profile two words]",
  '[profile "unbalanced]',
  "[profile]",
  "[bare]",
  "[sso-session  sso1]",
  "[ sso-session sso2 ]",
  "[services svc1]",
  "[ services svc2 ]",
];
const CREDENTIALS_HEADERS = ["[plain-creds]", "[ padded-creds ]", "[profile in-creds]"];

function fileOf(headers: string[]): string {
  return headers.map((header, i) => `${header}\nregion = r${i}\n`).join("\n");
}

const BOTOCORE_SCRIPT = `
import json, sys
import botocore.session
config = botocore.session.Session().full_config
print(json.dumps({key: config[key] for key in ("profiles", "sso_sessions", "services")}))
`;

async function botocoreView(config: string, credentials: string) {
  const python = await findProgram(
    "python3",
    "install Python 3 with botocore (apt-get install python3-botocore, or pip install botocore)",
  );
  const output = await new Deno.Command(python, {
    args: ["-c", BOTOCORE_SCRIPT],
    env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, HOME: "/nowhere" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.ok(output.success, `${python} with botocore failed: ${stderr}`);
  return JSON.parse(new TextDecoder().decode(output.stdout)) as Record<
    "profiles" | "sso_sessions" | "services",
    Record<string, Record<string, string>>
  >;
}

const asObject = (map: Map<string, Readonly<Record<string, string>>>) =>
  Object.fromEntries([...map].map(([name, settings]) => [name, { ...settings }]));

Deno.test("loadSharedConfig names the same profiles, SSO sessions and services as botocore for every header form", async () => {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-botocore-headers-" });
  try {
    const config = `${dir}/config`;
    const credentials = `${dir}/credentials`;
    await Deno.writeTextFile(config, fileOf(CONFIG_HEADERS));
    await Deno.writeTextFile(credentials, fileOf(CREDENTIALS_HEADERS));
    const expected = await botocoreView(config, credentials);
    const ours = await loadSharedConfig(denoPlatform(), {
      configFilepath: config,
      filepath: credentials,
    });
    assert.deepEqual(asObject(ours.profiles), expected.profiles);
    assert.deepEqual(asObject(ours.ssoSessions), expected.sso_sessions);
    assert.deepEqual(asObject(ours.services), expected.services);
    // The point of the issue: padded brackets make no profile, for botocore as for us.
    assert.equal(ours.profiles.has("padded"), false);
    assert.equal(ours.profiles.get("default")?.region, "r0");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// configuredEndpoint against the two references written by others: botocore (the endpoint
// of a client made by `Session.create_client`, as the AWS CLI makes them) and AWS SDK v3
// (`@smithy/core/endpoints`, the `serviceConfiguredEndpoint` its clients consult). Each
// runs in its own process, since both read the real environment and files.
import assert from "node:assert/strict";
import { configuredEndpoint } from "../../../src/credentials/endpoints/configured_endpoint.ts";
import { CredentialSettingError } from "../../../src/credentials/errors.ts";
import { denoPlatform } from "../../../src/credentials/platform/deno.ts";
import { findProgram } from "../../find_program.ts";

/** One situation: the environment, the config file, and the service asked about. */
interface Scenario {
  env: Record<string, string>;
  config: string;
  /** [SDK service id, botocore client name]. */
  service: readonly [string, string];
  /** Whether the profile's `services` names a section the file does not have. */
  missingSection: boolean;
}

const SERVICES = [
  ["STS", "sts"],
  ["Redshift", "redshift"],
  ["Redshift Serverless", "redshift-serverless"],
  ["SSO", "sso"],
  ["SSO OIDC", "sso-oidc"],
  ["Cognito Identity", "cognito-identity"],
] as const;

// Each dimension of the rules, every combination: 2 × 2 × 3 × 2 × 3 × 2 = 144 situations,
// the service taken in a mixed order, so that each meets every other dimension. (The
// profile's `ignore_configured_endpoint_urls = false` acts as unset: a unit test has it.)
function scenarios(dir: string): Scenario[] {
  const result: Scenario[] = [];
  for (const serviceVariable of [false, true]) {
    for (const globalVariable of [false, true]) {
      for (const ignoreVariable of [undefined, "true", "false"]) {
        for (const ignoreSetting of [undefined, "true"]) {
          for (const section of ["none", "has", "missing"]) {
            for (const profileUrl of [false, true]) {
              const i = result.length;
              const mixed = i + Math.floor(i / 2) + Math.floor(i / 6) + Math.floor(i / 18);
              const service = SERVICES[mixed % SERVICES.length];
              const key = service[0].toLowerCase().replaceAll(" ", "_");
              const variable = `AWS_ENDPOINT_URL_${service[0].toUpperCase().replaceAll(" ", "_")}`;
              const env: Record<string, string> = { AWS_CONFIG_FILE: `${dir}/config-${i}` };
              if (serviceVariable) env[variable] = "http://127.0.0.1:1001";
              if (globalVariable) env.AWS_ENDPOINT_URL = "http://127.0.0.1:2002";
              if (ignoreVariable) env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = ignoreVariable;
              let config = "[default]\nregion = us-east-1\n";
              if (ignoreSetting) config += `ignore_configured_endpoint_urls = ${ignoreSetting}\n`;
              if (profileUrl) config += "endpoint_url = http://127.0.0.1:4004\n";
              if (section !== "none") config += `services = ${section}\n`;
              config += `[services has]\n${key} =\n  endpoint_url = http://127.0.0.1:3003\n`;
              // Another service's entry, which must not be taken for this one's.
              config += `${
                key === "sts" ? "sso" : "sts"
              } =\n  endpoint_url = http://127.0.0.1:5005\n`;
              result.push({ env, config, service, missingSection: section === "missing" });
            }
          }
        }
      }
    }
  }
  // A named profile through AWS_PROFILE, whose settings are not the default's.
  const named = (env: Record<string, string>, i: number): Scenario => ({
    env: { AWS_CONFIG_FILE: `${dir}/config-named-${i}`, AWS_PROFILE: "dev", ...env },
    config: "[default]\nendpoint_url = http://127.0.0.1:4004\n" +
      "[profile dev]\nservices = dev\n[services dev]\nsts =\n  endpoint_url = http://127.0.0.1:3003\n",
    service: SERVICES[0],
    missingSection: false,
  });
  result.push(named({}, 0), named({ AWS_ENDPOINT_URL: "http://127.0.0.1:2002" }, 1));
  return result;
}

// What came out: the configured URL, "default" (none configured) or "error".
type Outcome = string;

async function ours(scenario: Scenario, home: string): Promise<Outcome> {
  const platform = {
    ...denoPlatform(),
    homeDir: () => home,
    env: (name: string) => scenario.env[name],
  };
  try {
    const url = await configuredEndpoint(scenario.service[0], { platform });
    return url?.href ?? "default";
  } catch (error) {
    if (error instanceof CredentialSettingError) return "error";
    throw error;
  }
}

const BOTOCORE = `
import json, os, sys
import botocore.session
scenarios = json.load(sys.stdin)
base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
# The service models, read once: every session below shares them (only speed changes).
loader = botocore.session.Session().get_component("data_loader")
def endpoint(env, client):
    os.environ.clear()
    os.environ.update(base)
    os.environ.update(env)
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials"
    session = botocore.session.Session()
    session.register_component("data_loader", loader)
    try:
        return session.create_client(
            client, region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
        ).meta.endpoint_url
    except Exception as e:
        return "error:" + type(e).__name__
defaults = {}
out = []
for s in scenarios:
    client = s["service"][1]
    if client not in defaults:
        defaults[client] = endpoint({"AWS_CONFIG_FILE": "/nonexistent/config"}, client)
    url = endpoint(s["env"], client)
    out.append("default" if url == defaults[client] else url)
print(json.dumps(out))
`;

const SDK = `
import { resolveEndpointConfig } from "npm:@smithy/core@3.41.0/endpoints";
const scenarios = JSON.parse(await new Response(Deno.stdin.readable).text());
const out = [];
for (const scenario of scenarios) {
  for (const name of Object.keys(Deno.env.toObject())) {
    if (name.startsWith("AWS_")) Deno.env.delete(name);
  }
  for (const [name, value] of Object.entries(scenario.env)) Deno.env.set(name, value);
  Deno.env.set("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
  try {
    const url = await resolveEndpointConfig({ serviceId: scenario.service[0] }).serviceConfiguredEndpoint();
    out.push(url ?? "default");
  } catch (error) {
    out.push("error:" + error.message);
  }
}
console.log(JSON.stringify(out));
`;

async function run(command: string, args: string[], input: unknown, env: Record<string, string>) {
  const child = new Deno.Command(command, {
    args,
    env,
    cwd: new URL("../../../", import.meta.url).pathname,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(input)));
  await writer.close();
  const output = await child.output();
  const stderr = new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, `${command} failed: ${stderr}`);
  return JSON.parse(new TextDecoder().decode(output.stdout)) as string[];
}

// Configured URLs are compared as URLs (botocore keeps the text, we parse it); every error
// is one outcome, whatever its type.
const normalized = (outcome: string) =>
  outcome === "default" ? outcome : outcome.startsWith("error") ? "error" : new URL(outcome).href;

Deno.test("configuredEndpoint agrees with botocore and AWS SDK v3 in 146 situations", async () => {
  const python = await findProgram(
    "python3",
    "apt-get install python3-botocore (or pip install botocore)",
  );
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-endpoints-" });
  try {
    const all = scenarios(dir);
    for (const scenario of all) {
      await Deno.writeTextFile(scenario.env.AWS_CONFIG_FILE, scenario.config);
    }
    // No ~/.aws of this machine: HOME is the empty directory. Deno keeps its own cache.
    const denoDir = Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`;
    const [botocore, sdk] = await Promise.all([
      run(python, ["-c", BOTOCORE], all, { HOME: dir }),
      run(Deno.execPath(), ["eval", "-q", SDK], all, { HOME: dir, DENO_DIR: denoDir }),
    ]);
    const rows = await Promise.all(all.map(async (scenario, i) => ({
      scenario,
      ours: await ours(scenario, dir),
      botocore: normalized(botocore[i]),
      sdk: normalized(sdk[i]),
    })));
    // Where the profile names a missing [services] section (and no variable decides first),
    // botocore refuses the configuration and so do we; AWS SDK v3 throws too, but its own
    // chain catches that and uses the default endpoint, ignoring the profile's endpoint_url.
    const sdkExpected = (row: (typeof rows)[number]) =>
      row.scenario.missingSection && row.ours === "error" ? "default" : row.ours;
    const disagreements = rows.filter((row) =>
      row.ours !== row.botocore || row.sdk !== sdkExpected(row)
    );
    assert.deepEqual(disagreements, []);
    const services = (section: boolean) =>
      new Set(
        rows.filter((row) => row.scenario.missingSection === section).map((row) =>
          row.scenario.service[0]
        ),
      );
    assert.equal(services(true).size, SERVICES.length, "every service meets a missing section");
    // The situations cover every outcome.
    const outcomes = new Set(rows.map((row) => row.ours));
    for (const port of [1001, 2002, 3003, 4004]) {
      assert.ok(outcomes.has(`http://127.0.0.1:${port}/`), `no situation ends at :${port}`);
    }
    assert.ok(outcomes.has("default") && outcomes.has("error"), [...outcomes].join(" "));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

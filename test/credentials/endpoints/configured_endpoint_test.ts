// configuredEndpoint over explicit platforms: every place an endpoint may be configured
// (AWS SDKs and Tools reference guide, "Service-specific endpoints"), their order, the
// ignore switches, the service-id spellings, and the errors for broken settings.
import assert from "node:assert/strict";
import {
  configuredEndpoint,
  type ConfiguredEndpointOptions,
} from "../../../src/credentials/endpoints/configured_endpoint.ts";
import { CredentialSettingError } from "../../../src/credentials/errors.ts";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import type { Platform } from "../../../src/credentials/platform/types.ts";
import { profileSettings } from "../../../src/credentials/profile/settings.ts";
import { loadSharedConfig } from "../../../src/credentials/profile/shared_config.ts";
import { HOME, rejection } from "../profile/ini_fixtures.ts";

const CONFIG = `${HOME}/.aws/config`;

// Every place set, each to its own port, so the answer says which place won.
const ALL_PLACES = "[default]\nendpoint_url = http://127.0.0.1:4004\nservices = local\n" +
  "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:3003\n";
const ALL_ENV = {
  AWS_ENDPOINT_URL_STS: "http://127.0.0.1:1001",
  AWS_ENDPOINT_URL: "http://127.0.0.1:2002",
};

function platformWith(config: string, env: Record<string, string> = {}): Platform {
  return explicitPlatform({ homeDir: HOME, env, files: { [CONFIG]: config } });
}

async function endpointOf(
  serviceId: string,
  platform: Platform,
  options: ConfiguredEndpointOptions = {},
): Promise<string | undefined> {
  return (await configuredEndpoint(serviceId, { platform, ...options }))?.href;
}

Deno.test("the order: service variable, AWS_ENDPOINT_URL, services section, profile endpoint_url", async () => {
  const order = [
    [ALL_ENV, ALL_PLACES, "http://127.0.0.1:1001/"],
    [{ AWS_ENDPOINT_URL: ALL_ENV.AWS_ENDPOINT_URL }, ALL_PLACES, "http://127.0.0.1:2002/"],
    [{}, ALL_PLACES, "http://127.0.0.1:3003/"],
    [{}, "[default]\nendpoint_url = http://127.0.0.1:4004\n", "http://127.0.0.1:4004/"],
    [{}, "[default]\nregion = eu-west-1\n", undefined],
  ] as const;
  for (const [env, config, expected] of order) {
    assert.equal(await endpointOf("STS", platformWith(config, env)), expected, config);
  }
});

Deno.test("an empty variable or setting counts as unset: the next place is used", async () => {
  const platform = platformWith("[default]\nendpoint_url = http://127.0.0.1:4004\n", {
    AWS_ENDPOINT_URL_STS: "",
    AWS_ENDPOINT_URL: "",
  });
  assert.equal(await endpointOf("STS", platform), "http://127.0.0.1:4004/");
});

Deno.test("service ids become AWS_ENDPOINT_URL_<ID> and <id> keys: upper / lower case, spaces as _", async () => {
  const services = [
    ["STS", "STS", "sts"],
    ["Redshift", "REDSHIFT", "redshift"],
    ["Redshift Serverless", "REDSHIFT_SERVERLESS", "redshift_serverless"],
    ["SSO", "SSO", "sso"],
    ["SSO OIDC", "SSO_OIDC", "sso_oidc"],
    ["Cognito Identity", "COGNITO_IDENTITY", "cognito_identity"],
  ];
  const config = "[default]\nservices = local\n[services local]\n" +
    services.map(([, , key], i) => `${key} =\n  endpoint_url = http://127.0.0.1:${3000 + i}\n`)
      .join("");
  for (const [i, [serviceId, variable]] of services.entries()) {
    const fromEnv = platformWith("", { [`AWS_ENDPOINT_URL_${variable}`]: "http://127.0.0.1:9" });
    assert.equal(await endpointOf(serviceId, fromEnv), "http://127.0.0.1:9/", variable);
    // Another service's variable is not this one's.
    assert.equal(await endpointOf(i === 0 ? "SSO" : "STS", fromEnv), undefined, variable);
    assert.equal(
      await endpointOf(serviceId, platformWith(config)),
      `http://127.0.0.1:${3000 + i}/`,
    );
  }
});

Deno.test("section keys are matched as written, as botocore and AWS SDK v3 look them up", async () => {
  const platform = platformWith(
    "[default]\nservices = local\n[services local]\nSTS =\n  endpoint_url = http://127.0.0.1:3003\n",
  );
  assert.equal(await endpointOf("STS", platform), undefined);
});

Deno.test("the profile is the option, else AWS_PROFILE, else default", async () => {
  const config = "[default]\nendpoint_url = http://127.0.0.1:1000\n" +
    "[profile dev]\nendpoint_url = http://127.0.0.1:2000\n" +
    "[profile prod]\nendpoint_url = http://127.0.0.1:3000\n";
  assert.equal(await endpointOf("STS", platformWith(config)), "http://127.0.0.1:1000/");
  const devByEnv = platformWith(config, { AWS_PROFILE: "dev" });
  assert.equal(await endpointOf("STS", devByEnv), "http://127.0.0.1:2000/");
  assert.equal(
    await endpointOf("STS", devByEnv, { profile: "prod" }),
    "http://127.0.0.1:3000/",
  );
  assert.equal(await endpointOf("STS", devByEnv, { profile: "missing" }), undefined);
});

Deno.test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores every configured endpoint", async () => {
  const platform = platformWith(ALL_PLACES, {
    ...ALL_ENV,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
  });
  assert.equal(await endpointOf("STS", platform), undefined);
});

Deno.test("ignore_configured_endpoint_urls in the profile ignores the variables too", async () => {
  const config = ALL_PLACES.replace(
    "[default]\n",
    "[default]\nignore_configured_endpoint_urls = true\n",
  );
  assert.equal(await endpointOf("STS", platformWith(config, ALL_ENV)), undefined);
  // The variable, when set, decides: false turns the profile's true off.
  const overridden = platformWith(config, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false" });
  assert.equal(await endpointOf("STS", overridden), "http://127.0.0.1:3003/");
});

Deno.test("ignoreConfiguredEndpointUrls: true (the client option) ignores them all", async () => {
  const platform = platformWith(ALL_PLACES, ALL_ENV);
  assert.equal(
    await endpointOf("STS", platform, { ignoreConfiguredEndpointUrls: true }),
    undefined,
  );
  assert.equal(
    await endpointOf("STS", platform, { ignoreConfiguredEndpointUrls: false }),
    "http://127.0.0.1:1001/",
  );
});

Deno.test("the files are read only when the environment does not decide, and never with sharedConfig", async () => {
  const reads: string[] = [];
  const counting = (env: Record<string, string>): Platform => {
    const platform = platformWith(ALL_PLACES, env);
    return {
      ...platform,
      readTextFile: (path) => {
        reads.push(path);
        return platform.readTextFile(path);
      },
    };
  };
  const decide = async (env: Record<string, string>, options: ConfiguredEndpointOptions = {}) => {
    reads.length = 0;
    const endpoint = await endpointOf("STS", counting(env), options);
    return { endpoint, reads: reads.length };
  };
  assert.deepEqual(await decide({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }), {
    endpoint: undefined,
    reads: 0,
  });
  assert.deepEqual(
    await decide({ ...ALL_ENV, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false" }),
    { endpoint: "http://127.0.0.1:1001/", reads: 0 },
  );
  // A variable alone does not decide: the profile may say to ignore it.
  assert.deepEqual(await decide(ALL_ENV), { endpoint: "http://127.0.0.1:1001/", reads: 2 });
  const sharedConfig = await loadSharedConfig(platformWith(ALL_PLACES));
  assert.deepEqual(await decide({}, { sharedConfig }), {
    endpoint: "http://127.0.0.1:3003/",
    reads: 0,
  });
});

Deno.test("a value that is not an http(s) URL is CredentialSettingError naming where it was set", async () => {
  const cases = [
    [{ AWS_ENDPOINT_URL_STS: "localhost:4566" }, "", "environment", "AWS_ENDPOINT_URL_STS"],
    [{ AWS_ENDPOINT_URL: "not a url" }, "", "environment", "AWS_ENDPOINT_URL"],
    [{}, "[default]\nendpoint_url = ftp://127.0.0.1\n", "profile default", "endpoint_url"],
    [
      {},
      "[default]\nservices = s\n[services s]\nsts =\n  endpoint_url = /relative\n",
      "[services s]",
      "sts.endpoint_url",
    ],
  ] as const;
  for (const [env, config, source, setting] of cases) {
    const error = await rejection(
      configuredEndpoint("STS", { platform: platformWith(config, env) }),
    );
    assert.ok(error instanceof CredentialSettingError, String(error));
    assert.equal(error.source, source);
    assert.equal(error.setting, setting);
    assert.match(error.message, /must be an absolute http\(s\) URL/);
  }
});

Deno.test("services naming a missing section is CredentialSettingError, unless a variable decides first", async () => {
  const config = "[profile dev]\nservices = gone\nendpoint_url = http://127.0.0.1:4004\n";
  const error = await rejection(
    configuredEndpoint("STS", { platform: platformWith(config), profile: "dev" }),
  );
  assert.ok(error instanceof CredentialSettingError);
  assert.equal(error.setting, "services");
  assert.equal(
    error.message,
    `profile dev: services names [services gone], which is not in ${CONFIG}.`,
  );
  // botocore and AWS SDK v3 look at the section only when no variable is set.
  assert.equal(
    await endpointOf("STS", platformWith(config, { AWS_ENDPOINT_URL: "http://127.0.0.1:2" }), {
      profile: "dev",
    }),
    "http://127.0.0.1:2/",
  );
});

Deno.test("an ignore switch that is not true or false (any case) is CredentialSettingError", async () => {
  const fromEnv = await rejection(
    configuredEndpoint("STS", {
      platform: platformWith("", { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "yes" }),
    }),
  );
  assert.ok(fromEnv instanceof CredentialSettingError);
  assert.equal(fromEnv.setting, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  const fromFile = await rejection(
    configuredEndpoint("STS", {
      platform: platformWith("[default]\nignore_configured_endpoint_urls = 1\n"),
    }),
  );
  assert.ok(fromFile instanceof CredentialSettingError);
  assert.equal(fromFile.source, "profile default");
  // botocore reads the words in any case.
  const upper = platformWith(ALL_PLACES, { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "TRUE" });
  assert.equal(await endpointOf("STS", upper), undefined);
});

Deno.test("profileSettings reads region, endpoint_url, services and the section's endpoints", async () => {
  const config = await loadSharedConfig(platformWith(
    "[profile dev]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:4566\nservices = local\n" +
      "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n  addressing_style = path\n" +
      "dynamodb =\n  endpoint_url = http://127.0.0.1:8000\n" +
      "[profile plain]\nignore_configured_endpoint_urls = TRUE\n" +
      "[profile orphan]\nservices = gone\n",
  ));
  assert.deepEqual(profileSettings("dev", config), {
    region: "eu-west-1",
    endpointUrl: "http://127.0.0.1:4566",
    services: "local",
    serviceEndpointUrls: new Map([
      ["s3", "http://127.0.0.1:9000"],
      ["dynamodb", "http://127.0.0.1:8000"],
    ]),
  });
  assert.deepEqual(profileSettings("plain", config), {
    serviceEndpointUrls: new Map(),
    ignoreConfiguredEndpointUrls: true,
  });
  assert.deepEqual(profileSettings("orphan", config), {
    services: "gone",
    serviceEndpointUrls: new Map(),
  });
  assert.deepEqual(profileSettings("missing", config), { serviceEndpointUrls: new Map() });
});

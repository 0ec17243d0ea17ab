// Every client and provider follows the configured endpoints, against the emulator: STS,
// Redshift (+ Serverless), IAM Identity Center (OIDC and portal), Cognito Identity, and the
// STS calls inside the providers. The fetch refuses anything but loopback, so a client that
// ignored the configuration fails with the AWS host it tried, never reaching the network.
import assert from "node:assert/strict";
import { explicitPlatform } from "../../../src/credentials/platform/explicit.ts";
import { fromCognitoIdentityPool } from "../../../src/credentials/cognito/from_identity_pool.ts";
import { fromSso } from "../../../src/credentials/sso/from_sso.ts";
import type { Platform } from "../../../src/credentials/platform/types.ts";
import { ssoLogin } from "../../../src/credentials/sso/device_login.ts";
import { SsoPortalClient } from "../../../src/credentials/sso/portal_client.ts";
import {
  defaultProvider,
  fromAssumeRole,
  fromWebIdentity,
  StsClient,
  type StsClientOptions,
} from "../../../src/sts/mod.ts";
import {
  RedshiftClient,
  RedshiftServerlessClient,
  redshiftServerlessConnectionCredentials,
} from "../../../src/tokens/mod.ts";
import { startEmulator } from "../../emulator/emulator.ts";
import { unsignedJwt } from "../../emulator/federation_fixtures.ts";
import { callerArn } from "../../emulator/sts_requests.ts";
import { memoryCachePlatform } from "../sso/cache_platform.ts";
import { HOME, rejection } from "../profile/ini_fixtures.ts";

const ROLE = "arn:aws:iam::123456789012:role/reader";
const CONFIG = `${HOME}/.aws/config`;
const CLOSED = "http://127.0.0.1:9"; // discard port: nothing listens

/** The global fetch, for loopback URLs only: anything else is refused, naming the host. */
const loopbackOnly: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input);
  if (url.hostname !== "127.0.0.1") {
    return Promise.reject(new TypeError(`refused to leave loopback for ${url.host}`));
  }
  return fetch(input, init);
};

function platformWith(env: Record<string, string>, config = ""): Platform {
  return explicitPlatform({ homeDir: HOME, env, files: { [CONFIG]: config } });
}

async function identity(options: StsClientOptions): Promise<string> {
  return (await new StsClient({ fetch: loopbackOnly, ...options }).getCallerIdentity()).arn;
}

Deno.test("StsClient follows each configured form, and an explicit endpoint beats them all", async () => {
  await using emu = await startEmulator();
  const { credentials } = emu;
  const forms: Array<[string, Platform]> = [
    ["AWS_ENDPOINT_URL_STS", platformWith({ AWS_ENDPOINT_URL_STS: emu.url })],
    ["AWS_ENDPOINT_URL", platformWith({ AWS_ENDPOINT_URL: emu.url })],
    [
      "services section",
      platformWith(
        {},
        `[default]\nendpoint_url = ${CLOSED}\nservices = local\n` +
          `[services local]\nsts =\n  endpoint_url = ${emu.url}\n`,
      ),
    ],
    ["profile endpoint_url", platformWith({}, `[default]\nendpoint_url = ${emu.url}\n`)],
  ];
  for (const [form, platform] of forms) {
    const arn = await identity({ credentials, platform }).catch((error) => String(error));
    assert.match(arn, /^arn:aws:iam::\d{12}:user\//, form);
  }
  const everywhereClosed = platformWith(
    { AWS_ENDPOINT_URL_STS: CLOSED, AWS_ENDPOINT_URL: CLOSED },
    `[default]\nendpoint_url = ${CLOSED}\n`,
  );
  assert.match(
    await identity({ credentials, platform: everywhereClosed, endpoint: emu.url }),
    /:user\//,
  );
});

Deno.test("StsClient with configured endpoints ignored goes to the regional endpoint", async () => {
  const configured = { AWS_ENDPOINT_URL_STS: CLOSED };
  const ignoredByEnv = platformWith({ ...configured, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" });
  const ignoredByProfile = platformWith(
    configured,
    "[default]\nignore_configured_endpoint_urls = true\n",
  );
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
  for (
    const options of [
      { platform: ignoredByEnv },
      { platform: ignoredByProfile },
      { platform: platformWith(configured), ignoreConfiguredEndpointUrls: true },
    ]
  ) {
    const error = await rejection(identity({ credentials, region: "eu-west-1", ...options }));
    assert.match(String(error.cause ?? error), /sts\.eu-west-1\.amazonaws\.com/);
  }
});

Deno.test("a client reads the files once, at its first call, not when it is created", async () => {
  await using emu = await startEmulator();
  const reads: string[] = [];
  const base = platformWith({}, `[default]\nendpoint_url = ${emu.url}\n`);
  const platform: Platform = {
    ...base,
    readTextFile: (path) => {
      reads.push(path);
      return base.readTextFile(path);
    },
  };
  const sts = new StsClient({ credentials: emu.credentials, platform, fetch: loopbackOnly });
  assert.equal(reads.length, 0);
  await sts.getCallerIdentity();
  await sts.getCallerIdentity();
  assert.deepEqual(reads, [CONFIG, `${HOME}/.aws/credentials`]);
});

Deno.test("a broken configuration fails the call with its error and is read again on the next", async () => {
  await using emu = await startEmulator();
  const files: Record<string, string> = { [CONFIG]: "[default]\nservices = gone\n" };
  const platform: Platform = {
    ...explicitPlatform({ homeDir: HOME }),
    readTextFile: (path) => Promise.resolve(files[path]),
  };
  const sts = new StsClient({ credentials: emu.credentials, platform, fetch: loopbackOnly });
  const error = await rejection(sts.getCallerIdentity());
  assert.match(error.message, /services names \[services gone\]/);
  files[CONFIG] = `[default]\nendpoint_url = ${emu.url}\n`;
  assert.match((await sts.getCallerIdentity()).arn, /:user\//);
});

Deno.test("the Redshift clients follow AWS_ENDPOINT_URL_REDSHIFT and the redshift_serverless key", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addCluster({ identifier: "analytics" });
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  const { credentials } = emu;
  const redshift = new RedshiftClient({
    credentials,
    region: "us-east-1",
    platform: platformWith({ AWS_ENDPOINT_URL_REDSHIFT: emu.url }),
    fetch: loopbackOnly,
  });
  const { clusters } = await redshift.describeClusters({ ClusterIdentifier: "analytics" });
  assert.equal(clusters[0].identifier, "analytics");
  const serverless = new RedshiftServerlessClient({
    credentials,
    region: "us-east-1",
    platform: platformWith(
      {},
      `[default]\nservices = local\n[services local]\nredshift_serverless =\n  endpoint_url = ${emu.url}\n`,
    ),
    fetch: loopbackOnly,
  });
  const password = await serverless.getCredentials({ workgroupName: "adhoc" });
  assert.match(password.dbUser, /^IAM/);
});

Deno.test("redshiftServerlessConnectionCredentials sends both its calls to AWS_ENDPOINT_URL", async () => {
  await using emu = await startEmulator();
  emu.state.redshift.addWorkgroup({ name: "adhoc" });
  const connection = await redshiftServerlessConnectionCredentials({
    credentials: emu.credentials,
    region: "us-east-1",
    workgroupName: "adhoc",
    platform: platformWith({ AWS_ENDPOINT_URL: emu.url }),
    fetch: loopbackOnly,
  });
  // The account came from STS GetCallerIdentity, at the configured endpoint.
  assert.equal(connection.host, "adhoc.123456789012.us-east-1.redshift-serverless.amazonaws.com");
});

Deno.test("IAM Identity Center: login, portal and fromSso follow AWS_ENDPOINT_URL_SSO_OIDC and sso / sso_oidc keys", async () => {
  await using emu = await startEmulator();
  emu.state.sso.accounts = [{
    accountId: "111122223333",
    accountName: "dev",
    emailAddress: "dev@example.com",
    roles: ["ReadOnly"],
  }];
  const platform = memoryCachePlatform();
  const env: Record<string, string> = { AWS_ENDPOINT_URL_SSO_OIDC: `${emu.url}/sso-oidc` };
  const withEnv = { ...platform, env: (name: string) => env[name] };
  const startUrl = "https://my-org.awsapps.com/start";
  await ssoLogin({
    startUrl,
    region: "eu-west-1",
    sessionName: "my-sso",
    platform: withEnv,
    fetch: loopbackOnly,
    onDeviceCode: () => {},
  });
  const token = JSON.parse(
    [...platform.files.values()].find((text) => text.includes("accessToken"))!,
  );
  const accounts = await new SsoPortalClient({
    accessToken: token.accessToken,
    region: "eu-west-1",
    platform: platformWith({ AWS_ENDPOINT_URL_SSO: emu.url }),
    fetch: loopbackOnly,
  }).listAccounts();
  assert.deepEqual(accounts.map((account) => account.accountId), ["111122223333"]);

  delete env.AWS_ENDPOINT_URL_SSO_OIDC;
  platform.files.set(
    CONFIG,
    "[profile dev]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n" +
      `services = local\n[sso-session my-sso]\nsso_start_url = ${startUrl}\nsso_region = eu-west-1\n` +
      `[services local]\nsso =\n  endpoint_url = ${emu.url}\n` +
      `sso_oidc =\n  endpoint_url = ${emu.url}/sso-oidc\n`,
  );
  const credentials = await fromSso({ profile: "dev", platform: withEnv, fetch: loopbackOnly })();
  assert.match(await callerArn(emu, credentials), /assumed-role\/AWSReservedSSO_ReadOnly_/);
});

Deno.test("fromCognitoIdentityPool follows AWS_ENDPOINT_URL_COGNITO_IDENTITY", async () => {
  await using emu = await startEmulator();
  const pool = emu.state.cognito.addPool();
  const credentials = await fromCognitoIdentityPool({
    identityPoolId: pool.identityPoolId,
    platform: platformWith({ AWS_ENDPOINT_URL_COGNITO_IDENTITY: `${emu.url}/cognito-identity` }),
    fetch: loopbackOnly,
  })();
  assert.match(await callerArn(emu, credentials), /assumed-role\/Cognito_AppUnauth_Role\//);
});

Deno.test("fromAssumeRole, fromWebIdentity and defaultProvider call STS where it is configured", async () => {
  await using emu = await startEmulator();
  emu.state.addRole({ arn: ROLE });
  emu.state.addOidcProvider({ issuer: "https://oidc.eks.example", audience: "sts.amazonaws.com" });
  const viaEnv = platformWith({ AWS_ENDPOINT_URL_STS: emu.url });
  const assumed = await fromAssumeRole({
    source: emu.credentials,
    roleArn: ROLE,
    platform: viaEnv,
    fetch: loopbackOnly,
  })();
  assert.match(await callerArn(emu, assumed), /assumed-role\/reader\//);

  const token = unsignedJwt({
    iss: "https://oidc.eks.example",
    aud: "sts.amazonaws.com",
    sub: "system:serviceaccount:default:app",
    exp: Math.floor(Date.now() / 1000) + 600,
  });
  const web = await fromWebIdentity({
    roleArn: ROLE,
    webIdentityToken: token,
    platform: viaEnv,
    fetch: loopbackOnly,
  })();
  assert.match(await callerArn(emu, web), /assumed-role\/reader\//);

  // The default chain's role profile: STS at the profile's endpoint_url.
  const keys = emu.credentials;
  const chained = await defaultProvider({
    profile: "reader",
    fetch: loopbackOnly,
    platform: explicitPlatform({
      homeDir: HOME,
      env: {},
      files: {
        [CONFIG]:
          `[profile reader]\nrole_arn = ${ROLE}\nsource_profile = base\nendpoint_url = ${emu.url}\n`,
        [`${HOME}/.aws/credentials`]:
          `[base]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
      },
    }),
  })();
  assert.match(await callerArn(emu, chained), /assumed-role\/reader\//);
});

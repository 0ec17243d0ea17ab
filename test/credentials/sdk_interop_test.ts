// Providers are interchangeable with AWS SDK v3's AwsCredentialIdentityProvider, both ways.
import assert from "node:assert/strict";
import { fromIni as sdkFromIni } from "@aws-sdk/credential-provider-ini";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpRequest } from "@smithy/protocol-http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { chain } from "../../src/credentials/chain.ts";
import { fromEnv } from "../../src/credentials/from_env.ts";
import { fromIni } from "../../src/sts/from_ini.ts";
import { refreshing } from "../../src/credentials/refreshing.ts";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { denoPlatform } from "../../src/credentials/platform/deno.ts";
import { chain as sdkChain } from "@smithy/core/config";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzINTEROP";
const DATE = new Date("2024-05-06T07:08:09Z");

async function withCredentialsFile<T>(
  run: (filepath: string, configFilepath: string) => Promise<T>,
) {
  const dir = await Deno.makeTempDir({ prefix: "iamfetch-interop-" });
  try {
    await Deno.writeTextFile(
      `${dir}/credentials`,
      `[interop]\naws_access_key_id = AKIDINTEROP\naws_secret_access_key = ${SECRET}\n`,
    );
    return await run(`${dir}/credentials`, `${dir}/config`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function smithySignature(
  credentials: ConstructorParameters<typeof SignatureV4>[0]["credentials"],
) {
  const signer = new SignatureV4({
    credentials,
    region: "us-east-1",
    service: "execute-api",
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: "GET",
    protocol: "https:",
    hostname: "api.example.com",
    path: "/items",
    headers: { host: "api.example.com" },
  });
  const signed = await signer.sign(request, { signingDate: DATE });
  return signed.headers.authorization;
}

async function iamfetchSignature(
  credentials: ConstructorParameters<typeof SigV4Signer>[0]["credentials"],
) {
  const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
  const signed = await signer.sign(new Request("https://api.example.com/items"), { date: DATE });
  return signed.headers.get("authorization");
}

Deno.test("an iamfetch provider signs for @smithy/signature-v4 as the SDK's own provider does", async () => {
  await withCredentialsFile(async (filepath, configFilepath) => {
    const ours = fromIni({
      profile: "interop",
      filepath,
      configFilepath,
      platform: denoPlatform(),
    });
    const theirs = sdkFromIni({ profile: "interop", filepath, configFilepath });
    const withOurs = await smithySignature(ours);
    assert.match(withOurs!, /Credential=AKIDINTEROP\//);
    assert.equal(withOurs, await smithySignature(theirs));
  });
});

Deno.test("the SDK's provider works in iamfetch's chain, cache and signer", async () => {
  await withCredentialsFile(async (filepath, configFilepath) => {
    const theirs = sdkFromIni({ profile: "interop", filepath, configFilepath });
    const provider = refreshing(chain(fromEnv({ env: {} }), theirs));
    const credentials = await provider();
    assert.equal(credentials.accessKeyId, "AKIDINTEROP");
    const withTheirs = await iamfetchSignature(provider);
    assert.match(withTheirs!, /Credential=AKIDINTEROP\//);
    assert.equal(
      withTheirs,
      await iamfetchSignature(
        fromIni({ profile: "interop", filepath, configFilepath, platform: denoPlatform() }),
      ),
    );
  });
});

Deno.test("the SDK's chain goes on past iamfetch's not-available errors, and ours past the SDK's", async () => {
  await withCredentialsFile(async (filepath, configFilepath) => {
    const ours = (profile: string) =>
      fromIni({ profile, filepath, configFilepath, platform: denoPlatform() });
    const theirs = (profile: string) => sdkFromIni({ profile, filepath, configFilepath });
    const viaSdkChain = sdkChain(ours("missing"), fromEnv({ env: {} }), theirs("interop"));
    assert.equal((await viaSdkChain()).accessKeyId, "AKIDINTEROP");
    const viaOurChain = chain(theirs("missing"), ours("interop"));
    assert.equal((await viaOurChain()).accessKeyId, "AKIDINTEROP");
  });
});

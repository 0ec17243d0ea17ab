// The Keyspaces SigV4 answer is byte-identical to aws-sigv4-auth-cassandra-plugin's for the
// same nonce, credentials, region and time: the plugin's SigV4Authenticator takes a fixed
// `date` and a credential chain, so both run through their public entry points (ours: the
// authenticator of keyspacesAuthProvider, as cassandra-driver calls it).
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import fc from "fast-check";
import plugin from "aws-sigv4-auth-cassandra-plugin";
import { keyspacesAuthProvider } from "../../../src/tokens/mod.ts";
import { arbitraryKeys } from "../arbitrary_keys.ts";

interface PluginCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function pluginAnswer(
  challenge: string,
  credentials: PluginCredentials,
  region: string,
  date: Date,
): Promise<Uint8Array> {
  const chain = { resolvePromise: () => Promise.resolve(credentials) };
  const authenticator = new plugin.SigV4Authenticator({ region, chain, date });
  return new Promise((resolve, reject) =>
    authenticator.evaluateChallenge(
      Buffer.from(challenge),
      (error: Error | null, token: Buffer) =>
        error ? reject(error) : resolve(new Uint8Array(token)),
    )
  );
}

/** cassandra-driver's `auth` namespace, for the provider's base class. */
const driverAuth = { AuthProvider: class {} };

function ourAnswer(
  challenge: string,
  credentials: PluginCredentials,
  region: string,
  date: Date,
): Promise<Uint8Array> {
  const authenticator = keyspacesAuthProvider({ driverAuth, credentials, region, date })
    .newAuthenticator();
  return new Promise((resolve, reject) =>
    authenticator.evaluateChallenge(
      new TextEncoder().encode(challenge),
      (error, token) => error ? reject(error) : resolve(token!),
    )
  );
}

const REGIONS = ["us-east-1", "us-east-2", "eu-west-1", "ap-southeast-2", "cn-north-1"];
const region = fc.oneof(
  fc.constantFrom(...REGIONS),
  fc.stringMatching(/^[a-z]{2}-(gov-)?[a-z]{4,9}-[1-9]$/),
);
const nonce = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{32}$/),
  fc.string({ minLength: 1, maxLength: 64, unit: "grapheme" }).filter((s) =>
    !s.includes(",") && !s.includes("nonce=")
  ),
);
const credentials = arbitraryKeys(/^[\x21-\x7e]{1,200}$/);
// Whole milliseconds from 2000 to 2099: the answer carries the ISO time with milliseconds.
const date = fc.integer({ min: 946684800000, max: 4102444799999 }).map((ms) => new Date(ms));

Deno.test("Keyspaces answer equals aws-sigv4-auth-cassandra-plugin's on 400 random inputs", async () => {
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(nonce, credentials, region, date, fc.boolean(), async (n, c, r, d, extra) => {
      // Servers may add fields after the nonce; both sides stop at the comma.
      const challenge = "nonce=" + n + (extra ? ",other=x" : "");
      const expected = await pluginAnswer(challenge, c, r, d);
      const actual = await ourAnswer(challenge, c, r, d);
      assert.deepEqual(new TextDecoder().decode(actual), new TextDecoder().decode(expected));
      assert.deepEqual(actual, expected);
      runs++;
    }),
    { numRuns: 400 },
  );
  assert.equal(runs, 400);
});

Deno.test("Keyspaces answer matches the plugin's documented example", async () => {
  const answer = await ourAnswer(
    "nonce=91703fdc2ef562e19fbdab0f58e42fe5",
    { accessKeyId: "UserID-1", secretAccessKey: "UserSecretKey-1" },
    "us-west-2",
    new Date(1591742511000),
  );
  assert.equal(
    new TextDecoder().decode(answer),
    "signature=7f3691c18a81b8ce7457699effbfae5b09b4e0714ab38c1292dbdf082c9ddd87," +
      "access_key=UserID-1,amzdate=2020-06-09T22:41:51.000Z",
  );
});

/**
 * 10,000 signers sharing one refreshing provider, signing at once across a credential
 * expiry: the source is asked exactly once per generation of credentials, and every
 * signature verifies with the key of the generation it claims.
 */
import assert from "node:assert/strict";
import { SigV4Signer, verifySignature } from "../../src/sigv4/mod.ts";
import { refreshing } from "../../src/credentials/refreshing.ts";

const SIGNERS = 10_000;
const HOUR = 3_600_000;

Deno.test("10,000 concurrent signers across a credential expiry cause one refresh", async () => {
  const clock = { now: Date.now() }; // the signer checks expiry against the real clock
  const secrets = new Map<string, string>();
  let calls = 0;
  const provider = refreshing(() => {
    calls++;
    const accessKeyId = `ASIAGENERATION${String(calls).padStart(6, "0")}`;
    const secretAccessKey = `secret-of-generation-${calls}`;
    secrets.set(accessKeyId, secretAccessKey);
    return Promise.resolve({
      accessKeyId,
      secretAccessKey,
      sessionToken: `token-${calls}`,
      expiration: new Date(clock.now + HOUR),
    });
  }, { now: () => clock.now });
  const signers = Array.from({ length: SIGNERS }, (_, i) =>
    new SigV4Signer({
      credentials: provider,
      region: ["us-east-1", "eu-west-1"][i % 2],
      service: "execute-api",
    }));
  const signAll = () =>
    Promise.all(
      signers.map((signer, i) =>
        signer.sign(new Request(`https://api.example.com/items/${i}`), {
          date: new Date(clock.now),
        })
      ),
    );
  const verifyAll = async (requests: Request[]) => {
    for (const request of requests) {
      const verdict = await verifySignature(request, {
        secretFor: (id) => secrets.get(id),
        now: new Date(clock.now),
      });
      assert.equal(verdict.ok, true);
    }
  };

  const first = await signAll();
  assert.equal(calls, 1);
  await verifyAll(first);

  clock.now += HOUR + 1_000; // every signer now holds expired credentials
  const second = await signAll();
  assert.equal(calls, 2);
  assert.ok(second.every((r) => r.headers.get("authorization")!.includes("GENERATION000002")));
  await verifyAll(second);
});

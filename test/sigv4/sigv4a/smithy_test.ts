// Differential tests: iamfetch's SigV4a against @smithy/signature-v4a (the SigV4a signer
// of the AWS SDK for JavaScript v3) on random credentials and requests. smithy exposes
// neither its key pair nor a verifier, so each smithy signer here records the private
// key and string to sign it hands to its ECDSA step; the public key and the independent
// ECDSA verification come from @noble/curves, the library smithy bundles for ECDSA.
import assert from "node:assert/strict";
import fc from "fast-check";
import { SignatureV4a } from "@smithy/signature-v4a";
import { Sha256 } from "@aws-crypto/sha256-js";
import { p256 } from "@noble/curves/nist.js";
import { SigV4aSigner, verifySignature } from "../../../src/sigv4/mod.ts";
import { deriveSigV4aPrivateKey, sigV4aPublicJwk } from "../../../src/sigv4/sigv4a/key.ts";
import { ecdsaInUse, type SigV4aEcdsa, sigV4aEcdsa } from "../../../src/sigv4/sigv4a/_ecdsa.ts";
import {
  arbitraryRequest,
  hasVerifiablePath,
  type RequestConstraints,
  type RequestDescription,
  toRequest,
  toSmithyRequest,
} from "../arbitrary_request.ts";

const KEY_RUNS = 1_000;
const REQUEST_RUNS = 1_000;

const SAME_SEMANTICS: RequestConstraints = {
  // See differential_smithy_test.ts: smithy and iamfetch collapse different whitespace.
  exoticHeaderWhitespace: false,
  // A random x-amz-content-sha256 value would make the verifier refuse the payload hash
  // (400) before it looks at the signature; both signers sign it as given.
  headerName: (name) => name !== "x-amz-content-sha256",
};

/** What a recording smithy signer handed to its ECDSA step. */
interface Recorded {
  privateKey: Uint8Array;
  stringToSign: string;
}

function recordingSmithy(
  credentials: RequestDescription["credentials"],
  service: string,
  regionSet: string[],
): { signer: SignatureV4a; recorded: Recorded[] } {
  const s3 = service === "s3";
  const signer = new SignatureV4a({
    credentials,
    region: regionSet.join(","),
    service,
    sha256: Sha256,
    uriEscapePath: !s3,
    applyChecksum: s3,
  });
  const recorded: Recorded[] = [];
  const instance = signer as unknown as {
    getSignature(privateKey: Uint8Array, stringToSign: string): Promise<string>;
  };
  const original = instance.getSignature.bind(signer);
  instance.getSignature = (privateKey, stringToSign) => {
    recorded.push({ privateKey, stringToSign });
    return original(privateKey, stringToSign);
  };
  return { signer, recorded };
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

const credentialsArbitrary = fc.record({
  accessKeyId: fc.stringMatching(/^A[KS]IA[A-Z0-9]{16}$/),
  secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
});

const regionSetArbitrary: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant<string[]>(["*"]),
  fc.array(fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"), {
    minLength: 1,
    maxLength: 3,
  }),
);

Deno.test(`the derived key pair equals smithy's for ${KEY_RUNS} random credentials`, async () => {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(credentialsArbitrary, async (credentials) => {
      const { signer, recorded } = recordingSmithy(credentials, "s3", ["*"]);
      await signer.sign(
        { method: "GET", protocol: "https:", hostname: "example.com", path: "/", headers: {} },
        { signingDate: new Date("2024-01-01T00:00:00Z") },
      );
      const reference = recorded[0].privateKey;
      const privateKey = deriveSigV4aPrivateKey(
        credentials.accessKeyId,
        credentials.secretAccessKey,
      );
      assert.deepEqual(privateKey, new Uint8Array(reference));
      const jwk = await sigV4aPublicJwk(credentials.accessKeyId, credentials.secretAccessKey);
      const point = p256.getPublicKey(new Uint8Array(reference), false);
      assert.deepEqual(fromBase64Url(jwk.x as string), point.subarray(1, 33));
      assert.deepEqual(fromBase64Url(jwk.y as string), point.subarray(33, 65));
      compared++;
    }),
    { numRuns: KEY_RUNS },
  );
  assert.equal(compared, KEY_RUNS);
});

for (const ecdsa of ["webcrypto", "noble"] as const) {
  Deno.test(
    `signatures made with ${ecdsa} verify both ways with smithy's on ${REQUEST_RUNS} random requests`,
    () => withEcdsa(ecdsa, () => signaturesVerifyBothWays()),
  );
}

async function withEcdsa(ecdsa: SigV4aEcdsa, run: () => Promise<void>): Promise<void> {
  const before = ecdsaInUse();
  sigV4aEcdsa.use = ecdsa;
  try {
    await run();
  } finally {
    sigV4aEcdsa.use = before;
  }
}

async function signaturesVerifyBothWays(): Promise<void> {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(
      arbitraryRequest(SAME_SEMANTICS).filter(hasVerifiablePath),
      regionSetArbitrary,
      async (description, regionSet) => {
        const { credentials, service, date, unsignedPayload } = description;
        const iamfetch = new SigV4aSigner({ credentials, service, regionSet });
        const { signer: smithy, recorded } = recordingSmithy(credentials, service, regionSet);
        const request = toRequest(description);
        const reference = toSmithyRequest(request, description.body);
        if (unsignedPayload && !request.headers.has("x-amz-content-sha256")) {
          reference.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
        }
        const signed = await iamfetch.sign(request, { date, unsignedPayload });
        const expected = await smithy.sign(reference, { signingDate: date });

        // The same headers, and the same Authorization up to the (randomized) signature.
        const signatureOf = (authorization: string | null | undefined) =>
          /Signature=([0-9a-f]+)$/.exec(authorization ?? "")?.[1] ?? "";
        const withoutSignature = (authorization: string | null | undefined) =>
          (authorization ?? "").replace(/Signature=[0-9a-f]+$/, "");
        for (const name of ["x-amz-date", "x-amz-region-set", "x-amz-content-sha256"]) {
          assert.equal(signed.headers.get(name), expected.headers[name] ?? null, name);
        }
        assert.equal(
          withoutSignature(signed.headers.get("authorization")),
          withoutSignature(expected.headers.authorization),
        );

        // iamfetch's signature verifies, by noble's ECDSA, over smithy's string to sign
        // under smithy's public key: the same key pair and the same string to sign.
        const { privateKey, stringToSign } = recorded[0];
        const publicKey = p256.getPublicKey(new Uint8Array(privateKey), false);
        const message = new TextEncoder().encode(stringToSign);
        const ours = fromHex(signatureOf(signed.headers.get("authorization")));
        assert.ok(p256.verify(ours, message, publicKey, { format: "der", lowS: false }));

        // smithy's signed request verifies with iamfetch's verifier.
        const headers = new Headers();
        for (const [name, value] of Object.entries(expected.headers as Record<string, string>)) {
          if (name !== "host") headers.set(name, value);
        }
        const result = await verifySignature(
          new Request(request.url, { method: request.method, headers, body: description.body }),
          { secretFor: () => credentials.secretAccessKey, now: date },
        );
        assert.ok(result.ok, JSON.stringify(result));
        assert.equal(result.algorithm, "AWS4-ECDSA-P256-SHA256");
        assert.deepEqual(result.regionSet, regionSet);
        compared++;
      },
    ),
    { numRuns: REQUEST_RUNS },
  );
  assert.equal(compared, REQUEST_RUNS);
}

/**
 * The SigV4a comparison of `targets.ts` as a module any runtime can run: bundled by
 * `targets.ts --only sigv4a` and run in Node and Bun, it prints one line of JSON with the
 * fastest µs per signature of iamfetch and of `@smithy/signature-v4a`.
 *
 * @module
 */
import { SignatureV4a } from "@smithy/signature-v4a";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SigV4aSigner } from "../src/sigv4/mod.ts";
import { measureInterleaved } from "./_interleaved.ts";

const credentials = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD" + "x".repeat(600),
};
const date = new Date("2024-05-01T12:00:00Z");
const url = "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg?v=1";
const headers = { "accept": "image/jpeg", "x-request-id": "6f1c1f4e-1a2b-4c3d-9e8f" };
const parsed = new URL(url);
const iamfetch = new SigV4aSigner({ credentials, service: "s3" });
const smithy = new SignatureV4a({
  credentials,
  region: "*",
  service: "s3",
  sha256: Sha256,
  uriEscapePath: false,
  applyChecksum: true,
});
const t = await measureInterleaved([
  { name: "iamfetch", run: () => iamfetch.sign(new Request(url, { headers }), { date }) },
  {
    name: "smithy",
    run: () =>
      smithy.sign(
        new HttpRequest({
          method: "GET",
          protocol: parsed.protocol,
          hostname: parsed.hostname,
          path: parsed.pathname,
          query: { v: "1" },
          headers: { ...headers, host: parsed.host },
        }),
        { signingDate: date },
      ),
  },
]);
console.log(JSON.stringify(Object.fromEntries(t)));

/**
 * The SigV4a comparison of `targets.ts` as a module any runtime can run: bundled by
 * `targets.ts --only sigv4a` and run in Node and Bun, it prints one line of JSON with the
 * fastest µs per signature of iamfetch and of `@smithy/signature-v4a`.
 *
 * @module
 */
import { HttpRequest } from "@smithy/protocol-http";
import { SigV4aSigner } from "../src/sigv4/mod.ts";
import { measureInterleaved } from "./_interleaved.ts";
import { credentials, date, sigv4aGet, smithyRequestOf, smithySigV4a } from "./_fixtures.ts";

const { url, headers } = sigv4aGet;
const iamfetch = new SigV4aSigner({ credentials, service: "s3" });
const smithy = smithySigV4a();
const smithyInput = smithyRequestOf(sigv4aGet);
const t = await measureInterleaved([
  { name: "iamfetch", run: () => iamfetch.sign(new Request(url, { headers }), { date }) },
  { name: "smithy", run: () => smithy.sign(new HttpRequest(smithyInput()), { signingDate: date }) },
]);
console.log(JSON.stringify(Object.fromEntries(t)));

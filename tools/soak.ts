/**
 * The soak run (`deno task soak`, not in CI): signs 1,000,000 requests with credentials
 * that expire every 2 seconds, through one refreshing provider, and prints memory every
 * 100,000 requests — resident set and V8 heap after the microtask queue drained and a full GC when `--v8-flags=--expose-gc`
 * is given — so a leak shows as a rising column. Exits non-zero if the heap after the last
 * batch is more than 1.5× the heap after the first.
 *
 * @module
 */
import { SigV4Signer } from "../src/sigv4/mod.ts";
import { refreshing } from "../src/credentials/refreshing.ts";

const TOTAL = Number(Deno.env.get("SOAK_REQUESTS") ?? 1_000_000);
const BATCH = 100_000;
const LIFETIME_MS = 2_000;

let refreshes = 0;
const credentials = refreshing(() => {
  refreshes++;
  return Promise.resolve({
    accessKeyId: `ASIASOAK${String(refreshes).padStart(12, "0")}`,
    secretAccessKey: `soak-secret-${refreshes}-${crypto.randomUUID()}`,
    sessionToken: `soak-token-${refreshes}`,
    expiration: new Date(Date.now() + LIFETIME_MS),
  });
}, { refreshBeforeMs: 500 });
const signer = new SigV4Signer({ credentials, region: "eu-west-1", service: "execute-api" });

const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const rows: string[] = [
  "| requests | seconds | refreshes | rss MiB | heap used MiB |",
  "|---|---|---|---|---|",
];
const started = performance.now();
let firstHeap = 0;
let lastHeap = 0;
for (let done = 0; done < TOTAL;) {
  for (let i = 0; i < BATCH; i++, done++) {
    const request = new Request(`https://api.example.com/items/${done}?page=${done % 97}`, {
      headers: { "x-request-id": String(done) },
    });
    const signed = await signer.sign(request);
    if (!signed.headers.has("authorization")) throw new Error("unsigned request");
  }
  // Let the microtask queue drain first: V8 keeps WeakRef targets (Deno's request
  // signals) alive until it does, and a tight `await` loop never lets it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc?.();
  const memory = Deno.memoryUsage();
  firstHeap ||= memory.heapUsed;
  lastHeap = memory.heapUsed;
  rows.push(
    `| ${done} | ${((performance.now() - started) / 1000).toFixed(1)} | ${refreshes} | ${
      mib(memory.rss)
    } | ${mib(memory.heapUsed)} |`,
  );
  console.log(rows.at(-1));
}
console.log(`\n${rows.join("\n")}`);
if (lastHeap > firstHeap * 1.5) {
  console.error(`Heap grew from ${mib(firstHeap)} to ${mib(lastHeap)} MiB.`);
  Deno.exit(1);
}

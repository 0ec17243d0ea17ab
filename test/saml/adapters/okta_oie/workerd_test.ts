// The three Okta Identity Engine modes (web, direct, m2m) to credentials inside workerd.
import { Miniflare } from "miniflare";
import {
  assertOktaOieRuntimeResult,
  oktaOieRuntimeBundle,
  startOktaOieRuntimeSetup,
} from "./runtime_fixtures.ts";

/** A Worker that runs `runOktaOieLogins` with the input POSTed to it and answers the result. */
const WORKER_SOURCE = `import { runOktaOieLogins } from "./okta_oie.mjs";
export default {
  async fetch(request) {
    try {
      return Response.json(await runOktaOieLogins(await request.json()));
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
`;

Deno.test("Okta OIE web, direct and m2m run in workerd (Miniflare) to credentials", async () => {
  await using runtime = await startOktaOieRuntimeSetup();
  const miniflare = new Miniflare({
    modules: [
      { type: "ESModule", path: "worker.mjs", contents: WORKER_SOURCE },
      { type: "ESModule", path: "okta_oie.mjs", contents: await oktaOieRuntimeBundle() },
    ],
    compatibilityDate: "2025-09-01",
  });
  try {
    const response = await miniflare.dispatchFetch("http://worker.test/", {
      method: "POST",
      body: JSON.stringify(runtime.input),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text}`);
    assertOktaOieRuntimeResult(JSON.parse(text), runtime);
  } finally {
    await miniflare.dispose();
  }
});

// The Okta flow (push MFA, SAMLResponse, fromSaml to the emulator) inside workerd.
import { Miniflare } from "miniflare";
import {
  assertOktaRuntimeResult,
  oktaRuntimeBundle,
  startOktaRuntimeSetup,
} from "./runtime_fixtures.ts";

/** A Worker that runs `runOktaLogin` with the input POSTed to it and answers the result. */
const WORKER_SOURCE = `import { runOktaLogin } from "./okta.mjs";
export default {
  async fetch(request) {
    try {
      return Response.json(await runOktaLogin(await request.json()));
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
`;

Deno.test("the Okta flow runs in workerd (Miniflare): push MFA, SAMLResponse, credentials", async () => {
  await using setup = await startOktaRuntimeSetup();
  const miniflare = new Miniflare({
    modules: [
      { type: "ESModule", path: "worker.mjs", contents: WORKER_SOURCE },
      { type: "ESModule", path: "okta.mjs", contents: await oktaRuntimeBundle() },
    ],
    compatibilityDate: "2025-09-01",
  });
  try {
    const response = await miniflare.dispatchFetch("http://worker.test/", {
      method: "POST",
      body: JSON.stringify(setup.input),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text}`);
    assertOktaRuntimeResult(JSON.parse(text), setup);
  } finally {
    await miniflare.dispose();
  }
});

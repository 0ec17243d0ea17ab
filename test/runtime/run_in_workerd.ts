/**
 * Runs one exported function of a bundled module inside workerd (through Miniflare): what the
 * runtime-matrix and adapter tests do to show a flow works in a Cloudflare Worker.
 *
 * @module
 */
import { Miniflare } from "miniflare";

/**
 * Calls `name(input)`, exported by the ES module `bundle` (from `bundleModule`), in a Worker
 * and returns its result as JSON carried it. A thrown error or a failed start rejects with
 * what the Worker said.
 *
 * @example
 * ```ts
 * const result = await runInWorkerd(await scenarioBundle(), "runScenario", input);
 * ```
 */
export async function runInWorkerd(bundle: string, name: string, input: unknown): Promise<unknown> {
  // The Worker: a fetch handler that calls the function with the JSON POSTed to it.
  const worker = `import { ${name} } from "./bundle.mjs";
export default {
  async fetch(request) {
    try {
      return Response.json(await ${name}(await request.json()));
    } catch (error) {
      return new Response(String(error), { status: 500 });
    }
  },
};
`;
  const miniflare = new Miniflare({
    modules: [
      { type: "ESModule", path: "worker.mjs", contents: worker },
      { type: "ESModule", path: "bundle.mjs", contents: bundle },
    ],
    compatibilityDate: "2025-09-01",
  });
  try {
    const response = await miniflare.dispatchFetch("http://worker.test/", {
      method: "POST",
      body: JSON.stringify(input),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}: ${text}`);
    return JSON.parse(text);
  } finally {
    await miniflare.dispose();
  }
}

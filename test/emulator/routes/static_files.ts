import { Hono } from "hono";
import type { EmulatorEnv } from "../emulator_env.ts";
import type { EmulatorState } from "../state.ts";

/**
 * Serves `state.staticFiles` at `/__static/:name` without any signature, so a browser
 * test can load its page and bundled script from the emulator's own origin. Mounted
 * before the verify middleware, which therefore never sees these requests.
 *
 * @example
 * ```ts
 * state.staticFiles.set("index.html", { body: "<script src=bundle.js></script>", type: "text/html" });
 * app.route("/__static", staticFileRoutes(state));
 * ```
 */
export function staticFileRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.get("/:name", (c) => {
    const file = state.staticFiles.get(c.req.param("name"));
    if (file === undefined) return c.text("Not Found", 404);
    // Tests rewrite files between runs; a cached copy would run stale code.
    return c.body(file.body, 200, { "content-type": file.type, "cache-control": "no-store" });
  });
  return routes;
}

/**
 * The `iamfetch` command line: `whoami`, `credentials` (env / JSON / `credential_process`
 * output), `presign`, `rds-token`, `dsql-token`, `redshift-credentials` and `login` (SAML),
 * with credentials from profiles, CData connection strings or Airflow connections.
 *
 * ```sh
 * deno run -A jsr:@iamfetch/iamfetch/cli whoami --profile dev
 * ```
 *
 * @example
 * ```ts
 * import { denoCliIo, runCli } from "@iamfetch/iamfetch/cli";
 * import { assert } from "@std/assert";
 *
 * assert(typeof runCli === "function" && typeof denoCliIo === "function");
 * ```
 *
 * @module
 */
import { denoCliIo } from "./deno_io.ts";
import { runCli } from "./run.ts";

export { CliUsageError } from "./errors.ts";
export type { CliIo, Spinner } from "./io.ts";
export { denoCliIo } from "./deno_io.ts";
export { runCli } from "./run.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args, denoCliIo()));
}

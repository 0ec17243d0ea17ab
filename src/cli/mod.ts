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
 * import { type CliIo, runCli } from "@iamfetch/iamfetch/cli";
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // `iamfetch whoami` in-process, with the keys in the environment and STS stubbed.
 * // (On the command line, `runCli(Deno.args, denoCliIo())` runs it on the real terminal.)
 * let out = "";
 * const io: CliIo = {
 *   out: (text) => void (out += text),
 *   err: () => {},
 *   prompt: () => Promise.resolve(""),
 *   spinner: () => ({ stop() {} }),
 *   platform: explicitPlatform({
 *     env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", AWS_REGION: "us-east-1" },
 *   }),
 *   fetch: () =>
 *     Promise.resolve(new Response(
 *       "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/me</Arn>" +
 *         "<UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult></GetCallerIdentityResponse>",
 *     )),
 *   writeTextFile: () => Promise.resolve(),
 * };
 * assertEquals(await runCli(["whoami"], io), 0);
 * assertEquals(JSON.parse(out), { UserId: "AIDAEXAMPLE", Account: "111122223333", Arn: "arn:aws:iam::111122223333:user/me" });
 * assertEquals(await runCli(["whoamii"], io), 2); // a usage error: "Did you mean whoami?"
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

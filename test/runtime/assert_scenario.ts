/**
 * The one assertion every runtime-matrix test makes about a run of the scenario, and the run
 * itself against a fresh emulator.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type RunningEmulator, startEmulator } from "../emulator/emulator.ts";
import type { RequestLogEntry } from "../emulator/state.ts";
import {
  type RuntimeName,
  SCENARIO_CHECK_NAMES,
  SCENARIO_ROLE,
  type ScenarioInput,
  type ScenarioResult,
} from "./scenario.ts";

/**
 * The verification outcome the emulator must log for each signed request of the
 * scenario, in order: four accepted, then the tampered query and the wrong secret.
 */
const EXPECTED_VERIFICATIONS = [
  "ok",
  "ok",
  "ok",
  "ok",
  "SignatureDoesNotMatch",
  "SignatureDoesNotMatch",
];

/** What a passing run must show. */
export interface ScenarioExpectation {
  /** The runtime the scenario must report having run in. */
  runtime: RuntimeName;
  /** Secrets that must appear nowhere in the result (its details included). */
  secrets: string[];
}

/**
 * Asserts that `result` (as received, possibly parsed from JSON) reports the expected
 * runtime, exactly the scenario's checks in order, every one of them ok, and no secret.
 * A failure lists every failed check with its detail.
 *
 * @example
 * ```ts
 * assertScenarioPassed(await runScenario(input), { runtime: "deno", secrets: [secret] });
 * ```
 */
export function assertScenarioPassed(result: unknown, expected: ScenarioExpectation): void {
  assert.ok(
    typeof result === "object" && result !== null && Array.isArray(
      (result as ScenarioResult).checks,
    ),
    `not a scenario result: ${JSON.stringify(result)}`,
  );
  const { runtime, checks } = result as ScenarioResult;
  assert.equal(runtime, expected.runtime, "the scenario ran in another runtime");
  assert.deepEqual(
    checks.map((check) => check.name),
    [...SCENARIO_CHECK_NAMES],
    "the scenario ran other checks than specified",
  );
  const failures = checks.filter((check) => check.ok !== true);
  assert.equal(
    failures.length,
    0,
    `${failures.length} of ${checks.length} checks failed in ${runtime}:\n` +
      failures.map((check) => `  - ${check.name}: ${check.detail ?? "(no detail)"}`).join("\n"),
  );
  const serialized = JSON.stringify(result);
  for (const secret of expected.secrets) {
    assert.ok(!serialized.includes(secret), "a secret leaked into the scenario result");
  }
}

/**
 * Asserts, from the emulator's side, that the scenario's requests reached it and were
 * verified as specified (so a scenario that wrongly reports success still fails), and
 * returns the CORS preflights it answered (a browser sends them, other runtimes do not).
 *
 * @example
 * ```ts
 * assertEmulatorVerifiedScenario(emulator.state.log);
 * ```
 */
export function assertEmulatorVerifiedScenario(
  log: readonly RequestLogEntry[],
): RequestLogEntry[] {
  const echo = log.filter((entry) => entry.path.startsWith("/echo/"));
  const preflights = echo.filter((entry) => entry.method === "OPTIONS");
  const signed = echo.filter((entry) => entry.method !== "OPTIONS");
  assert.deepEqual(
    signed.map((entry) => entry.verification),
    EXPECTED_VERIFICATIONS,
    "the emulator verified other requests than the scenario's",
  );
  return preflights;
}

/**
 * A runtime-matrix test from start to end: a fresh emulator holding the scenario's role, the
 * scenario run through `run` with the emulator's URL and credentials, then
 * {@linkcode assertScenarioPassed} for `runtime` and {@linkcode assertEmulatorVerifiedScenario}.
 * Returns the CORS preflights the emulator answered.
 *
 * @example
 * ```ts
 * await assertScenarioRunsIn("deno", (input) => runScenario(input));
 * ```
 */
export async function assertScenarioRunsIn(
  runtime: RuntimeName,
  run: (input: ScenarioInput, emulator: RunningEmulator) => Promise<unknown>,
): Promise<RequestLogEntry[]> {
  await using emulator = await startEmulator();
  emulator.state.addRole(SCENARIO_ROLE);
  const input = { endpoint: emulator.url, credentials: emulator.credentials };
  const result = await run(input, emulator);
  assertScenarioPassed(result, { runtime, secrets: [emulator.credentials.secretAccessKey] });
  return assertEmulatorVerifiedScenario(emulator.state.log);
}

/**
 * A guard against super-linear parsers on hostile input: the full-size input (megabytes)
 * must be handled within a generous bound. A linear parser takes a fraction of a second
 * even on a loaded machine; a quadratic one takes minutes or hours, so the bound catches it
 * without making the test depend on how busy the machine is.
 *
 * @module
 */
import assert from "node:assert/strict";

/** Runs `run` once and asserts it finished within `capMs` (default 30 s). */
export async function assertFinishesInTime(
  name: string,
  run: () => unknown,
  capMs = 30_000,
): Promise<void> {
  const started = performance.now();
  await run();
  const elapsed = performance.now() - started;
  assert.ok(elapsed < capMs, `${name}: ${elapsed.toFixed(0)} ms (a linear parser takes far less)`);
}

/**
 * How a test waits for a promise that must fail: the error it rejects with, checked to be of
 * the expected class, so the test reads on with a typed value.
 *
 * @module
 */
import assert from "node:assert/strict";

/**
 * The error `promise` rejects with. Fails when it resolves, or (given `type`) when the error
 * is not an instance of `type`.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown>;
export async function rejectionOf<E>(
  promise: Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  type: abstract new (...args: any[]) => E,
): Promise<E>;
export async function rejectionOf(
  promise: Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  type?: abstract new (...args: any[]) => unknown,
): Promise<unknown> {
  const error = await promise.then(() => assert.fail("expected a failure"), (e: unknown) => e);
  if (type !== undefined) {
    assert.ok(error instanceof type, `expected a ${type.name}, got ${error}`);
  }
  return error;
}

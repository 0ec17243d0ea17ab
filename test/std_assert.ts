/**
 * The part of Deno std's `@std/assert` the documentation examples use, for running them here:
 * JSR (where `@std/assert` lives) is not reachable from this project's machines, so
 * `deno.json` maps `@std/assert` to this module. Readers of the published docs import the real
 * `jsr:@std/assert`, whose functions these mirror (same names, same throwing behaviour).
 *
 * @module
 */
import nodeAssert from "node:assert/strict";

/** Throws an `AssertionError` unless `expr` is truthy. */
export function assert(expr: unknown, msg?: string): asserts expr {
  nodeAssert.ok(expr, msg as string);
}

/** Throws unless `actual` and `expected` are deeply equal. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, msg as string);
}

/** Throws if `actual` and `expected` are deeply equal. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, msg as string);
}

/** Throws unless `actual === expected` (`Object.is`). */
export function assertStrictEquals<T>(actual: unknown, expected: T, msg?: string): void {
  nodeAssert.strictEqual(actual, expected, msg as string);
}

/** Throws unless `actual` matches `expected`. */
export function assertMatch(actual: string, expected: RegExp, msg?: string): void {
  nodeAssert.match(actual, expected, msg as string);
}

/** Throws if `actual` matches `expected`. */
export function assertNotMatch(actual: string, expected: RegExp, msg?: string): void {
  nodeAssert.doesNotMatch(actual, expected, msg as string);
}

/** Throws unless `actual` contains `expected`. */
export function assertStringIncludes(actual: string, expected: string, msg?: string): void {
  nodeAssert.ok(
    actual.includes(expected),
    msg ?? `${JSON.stringify(actual)} does not include ${JSON.stringify(expected)}`,
  );
}

/** Throws unless `actual` is an instance of `expectedType`. */
export function assertInstanceOf<T extends abstract new (...args: never[]) => unknown>(
  actual: unknown,
  expectedType: T,
  msg?: string,
): asserts actual is InstanceType<T> {
  nodeAssert.ok(actual instanceof expectedType, msg ?? `not an instance of ${expectedType.name}`);
}

/** Throws unless `actual` is neither `null` nor `undefined`. */
export function assertExists<T>(actual: T, msg?: string): asserts actual is NonNullable<T> {
  nodeAssert.ok(actual !== null && actual !== undefined, msg ?? "value is null or undefined");
}

/** Throws unless `fn` throws (an instance of `ErrorClass`, when given); returns the error. */
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass?: abstract new (...args: any[]) => E,
  msgIncludes?: string,
): E {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  return checkThrown(caught, ErrorClass, msgIncludes);
}

/** Throws unless `fn` rejects (with an instance of `ErrorClass`, when given); returns the error. */
export async function assertRejects<E extends Error = Error>(
  fn: () => PromiseLike<unknown>,
  // deno-lint-ignore no-explicit-any
  ErrorClass?: abstract new (...args: any[]) => E,
  msgIncludes?: string,
): Promise<E> {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  return checkThrown(caught, ErrorClass, msgIncludes);
}

function checkThrown<E extends Error>(
  caught: unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass?: abstract new (...args: any[]) => E,
  msgIncludes?: string,
): E {
  nodeAssert.ok(caught !== undefined, "expected the function to throw");
  nodeAssert.ok(caught instanceof Error, "expected an Error to be thrown");
  if (ErrorClass) {
    nodeAssert.ok(caught instanceof ErrorClass, `expected ${ErrorClass.name}, got ${caught.name}`);
  }
  if (msgIncludes !== undefined) {
    nodeAssert.ok(caught.message.includes(msgIncludes), `message: ${caught.message}`);
  }
  return caught as E;
}

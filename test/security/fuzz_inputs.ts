/**
 * What the parser fuzz tests feed and expect: random text and near-valid documents (a seed
 * with slices replaced by markup, cut, or duplicated), and a result or a typed error from
 * the parser, never another exception.
 *
 * @module
 */
import assert from "node:assert/strict";
import fc from "fast-check";

/** The error classes a parser may throw. */
export type ErrorClass = new (...args: never[]) => Error;

/** Options of {@linkcode documentFuzzer}. */
export interface DocumentFuzzerOptions {
  /** The markup inserted at random places, e.g. `<`, `=`, `"`. */
  marks: readonly string[];
  /** Also insert the seed's first 200 characters, duplicating structure. */
  seedSlices?: boolean;
}

/** Arbitraries of near-valid documents (`mutated`) and of those or random text (`inputs`). */
export function documentFuzzer(options: DocumentFuzzerOptions) {
  /** `seed` with 1–6 random slices replaced, cut, or duplicated. */
  const mutated = (seed: string): fc.Arbitrary<string> => {
    const insert = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...options.marks),
      ...(options.seedSlices ? [fc.constant(seed.slice(0, 200))] : []),
    );
    const edit = fc.tuple(fc.nat({ max: seed.length }), fc.nat({ max: 40 }), insert);
    return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) =>
      edits.reduce(
        (text, [at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut),
        seed,
      )
    );
  };
  const inputs = (seed: string) => fc.oneof(fc.string({ maxLength: 300 }), mutated(seed));
  return { mutated, inputs };
}

/** Runs `parse` and returns its result; anything thrown must be one of `typed`. */
export function typedOrResult<T>(parse: () => T, ...typed: ErrorClass[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    assert.ok(typed.some((type) => error instanceof type), `untyped: ${String(error)}`);
  }
}

/** {@linkcode typedOrResult} for a parser that answers a promise. */
export async function typedOrResultAsync<T>(
  parse: () => Promise<T>,
  ...typed: ErrorClass[]
): Promise<T | undefined> {
  try {
    return await parse();
  } catch (error) {
    assert.ok(typed.some((type) => error instanceof type), `untyped: ${String(error)}`);
  }
}

/** What a secret prints as. */
export const REDACTED = "[redacted]";

/** `date` as a redacted value prints it: ISO 8601, or `Invalid Date`. */
export function printableDate(date: Date): string {
  return Number.isFinite(date.getTime()) ? date.toISOString() : "Invalid Date";
}

/**
 * A value holding secrets that prints only what its `toJSON()` shows (the secrets as
 * {@linkcode REDACTED}): `JSON.stringify` gives that object, and `String()`, `Deno.inspect`
 * and Node's `util.inspect` give `Name { key: "value", … }`. Subclasses keep their secrets
 * as ordinary readable properties.
 */
export abstract class RedactedValue {
  /** The name printed before the fields, e.g. `Credentials`. */
  protected abstract get printedName(): string;

  /** The fields to print, secrets replaced by {@linkcode REDACTED}. */
  abstract toJSON(): Record<string, string | number>;

  /** `Name { key: "value", … }` of the fields of `toJSON()`. */
  toString(): string {
    const fields = Object.entries(this.toJSON()).map(([key, value]) =>
      `${key}: ${JSON.stringify(value)}`
    );
    return `${this.printedName} { ${fields.join(", ")} }`;
  }

  /** What `Deno.inspect` and `console.log` in Deno print. */
  [Symbol.for("Deno.customInspect")](): string {
    return this.toString();
  }

  /** What Node's `util.inspect` and `console.log` in Node print. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

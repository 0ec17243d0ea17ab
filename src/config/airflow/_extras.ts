/**
 * Typed, tracked reads of an Airflow connection's `extra` object (or a nested object of
 * it, such as `assume_role_with_saml`): each read checks the value's type and records the
 * name, so the extras nobody read can be reported — as typos (an error with a "did you
 * mean") or as settings Airflow's AWS hook ignores too (a note).
 *
 * @module
 */
import { AirflowConnectionError } from "../errors.ts";
import { nearestName } from "../nearest_name.ts";

type Json = Record<string, unknown>;

/** Parses `value` as a JSON object: an object as it is, or a string holding one. */
export function jsonObject(value: unknown, name: string): Json {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      // No cause: JSON.parse's message quotes the text, which may hold a secret.
      throw new AirflowConnectionError(`${name} is not valid JSON.`, { extra: name });
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new AirflowConnectionError(`${name} must be a JSON object.`, { extra: name });
  }
  return parsed as Json;
}

/** The extras of one object, read with type checks; see the module doc. */
export class ExtrasReader {
  readonly #values: Json;
  readonly #prefix: string;
  readonly #read = new Set<string>();

  /** Reads `values`; `prefix` (e.g. `assume_role_with_saml.`) is put before names in messages. */
  constructor(values: Json, prefix = "") {
    this.#values = values;
    this.#prefix = prefix;
  }

  /** Whether `name` is present (not `null`); does not count as a read. */
  has(name: string): boolean {
    return this.#values[name] !== undefined && this.#values[name] !== null;
  }

  /** The raw value of `name`. */
  value(name: string): unknown {
    this.#read.add(name);
    return this.#values[name] ?? undefined;
  }

  /** The string value of `name` (empty means unset); any other type is an error. */
  string(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "string") throw this.#typeError(name, "a string");
    return value;
  }

  /** The value of `name` as a JSON object (an object, or a string holding one). */
  object(name: string): Json | undefined {
    const value = this.value(name);
    if (value === undefined || value === "") return undefined;
    return jsonObject(value, this.#prefix + name);
  }

  /** The boolean value of `name`: `true`/`false`, or the strings `"true"`/`"false"` (URI extras). */
  boolean(name: string): boolean | undefined {
    const value = this.value(name);
    if (value === undefined || value === "") return undefined;
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "True") return true;
    if (value === "false" || value === "False") return false;
    throw this.#typeError(name, "true or false");
  }

  /** Marks `name` as handled (by a note) without reading it. */
  skip(name: string): boolean {
    this.#read.add(name);
    return this.has(name);
  }

  /**
   * Checks the extras nobody read: one that is a likely typo of a name in `known` is an
   * {@linkcode AirflowConnectionError}; the others are returned (Airflow ignores them too).
   */
  unread(known: readonly string[]): string[] {
    const unread: string[] = [];
    for (const name of Object.keys(this.#values)) {
      if (this.#read.has(name)) continue;
      const suggestion = known.includes(name) ? undefined : nearestName(name, known);
      if (suggestion !== undefined) {
        throw new AirflowConnectionError(
          `Unknown extra "${this.#prefix}${name}": did you mean ${suggestion}? ` +
            `Known extras: ${known.join(", ")}.`,
          { extra: this.#prefix + name },
        );
      }
      unread.push(this.#prefix + name);
    }
    return unread;
  }

  #typeError(name: string, wanted: string): AirflowConnectionError {
    return new AirflowConnectionError(`extra ${this.#prefix}${name} must be ${wanted}.`, {
      extra: this.#prefix + name,
    });
  }
}

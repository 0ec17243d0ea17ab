/**
 * The validated properties of one CData connection string: unknown keys rejected with the
 * valid ones listed (and a "did you mean"), `SSOProperties` parsed as the nested connection
 * string it is, the last of repeated keys winning (as ADO.NET), empty values meaning unset
 * (as CData). Records which properties were read, so settings the chosen `AuthScheme`
 * ignores can be reported.
 *
 * @module
 */
import { ConnectionStringError } from "../errors.ts";
import { parseConnectionString } from "./connection_string.ts";
import { findProperty, propertyNames } from "./_properties.ts";
import { nearestName } from "../nearest_name.ts";

function collect(text: string, place: "top" | "sso"): Map<string, string> {
  const where = place === "top" ? "connection string" : "SSOProperties";
  const values = new Map<string, string>();
  for (const { key, value } of parseConnectionString(text)) {
    const known = findProperty(key);
    if (known === undefined || (known.place !== place && known.place !== "both")) {
      const valid = propertyNames(place);
      const suggestion = nearestName(key, valid);
      throw new ConnectionStringError(
        `Unknown key "${key}" in the ${where}.` +
          (suggestion ? ` Did you mean ${suggestion}?` : "") +
          ` Valid keys: ${valid.join(", ")}.`,
        { key },
      );
    }
    if (value === "") values.delete(known.name);
    else values.set(known.name, value);
  }
  return values;
}

/** The properties of a connection string; see the module doc. */
export class CDataSettings {
  readonly #top: Map<string, string>;
  readonly #sso: Map<string, string>;
  readonly #read = new Set<string>();

  /** Parses and validates `text`; throws {@linkcode ConnectionStringError}. */
  constructor(text: string) {
    this.#top = collect(text, "top");
    const nested = this.#top.get("SSOProperties");
    try {
      this.#sso = nested === undefined ? new Map() : collect(nested, "sso");
    } catch (error) {
      if (!(error instanceof ConnectionStringError)) throw error;
      throw new ConnectionStringError(`SSOProperties: ${error.message}`, {
        key: error.key ?? "SSOProperties",
      });
    }
    this.#read.add("SSOProperties");
  }

  /** The top-level value of `name` (for SSO-capable names: the top level, else SSOProperties). */
  get(name: string): string | undefined {
    this.#read.add(name).add(`SSOProperties.${name}`);
    return this.#top.get(name) ?? this.#sso.get(name);
  }

  /** The value of `name` at the top level only (`AuthScheme`, which SSOProperties reuses). */
  top(name: string): string | undefined {
    this.#read.add(name);
    return this.#top.get(name);
  }

  /** The value of `name` inside SSOProperties only. */
  sso(name: string): string | undefined {
    this.#read.add(`SSOProperties.${name}`);
    return this.#sso.get(name);
  }

  /** The value of `name`, or a {@linkcode ConnectionStringError} saying that `scheme` needs it. */
  require(name: string, scheme: string): string {
    const value = this.get(name);
    if (value === undefined) {
      throw new ConnectionStringError(`AuthScheme=${scheme} needs ${name}; it is missing.`, {
        key: name,
      });
    }
    return value;
  }

  /** Whether `name` is set (at the top level or in SSOProperties); does not count as a read. */
  has(name: string): boolean {
    return this.#top.has(name) || this.#sso.has(name);
  }

  /** The properties that are set but were never read, e.g. `AWSPrincipalARN`, `SSOProperties.Resource`. */
  unread(): string[] {
    const unread = [...this.#top.keys()].filter((name) => !this.#read.has(name));
    for (const name of this.#sso.keys()) {
      if (!this.#read.has(`SSOProperties.${name}`)) {
        unread.push(`SSOProperties.${name}`);
      }
    }
    return unread;
  }
}

import { base64Decode } from "../../_shared/bytes/base64.ts";
import { invalidPolicy, type PostPolicyFailure } from "./failure.ts";

/** A condition of a received policy, ready to be matched. */
export type ReceivedCondition =
  | {
    readonly kind: "match";
    readonly operator: "eq" | "starts-with";
    /** The field as the policy writes it, `$` included. */
    readonly field: string;
    readonly value: string;
    /** The condition as S3 prints it in "Policy Condition failed: …". */
    readonly shown: string;
  }
  | {
    readonly kind: "range";
    /** The bounds; `undefined` for one that is not a whole number, which nothing meets. */
    readonly min: number | undefined;
    readonly max: number | undefined;
    readonly shown: string;
  };

/** A received policy document, read. */
export interface ReceivedPolicy {
  readonly expiration: Date;
  readonly conditions: ReceivedCondition[];
}

// Both forms S3 accepts: botocore's and the SDK's `…:SSZ` and the documentation's `.000Z`.
const EXPIRATION = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

function parseExpiration(value: string): Date | undefined {
  const match = EXPIRATION.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const time = Date.UTC(
    +y,
    +mo - 1,
    +d,
    +h,
    +mi,
    +s,
    Math.floor(Number(`0.${fraction ?? 0}`) * 1000),
  );
  const date = new Date(time);
  // Date.UTC rolls over out-of-range fields (month 13, hour 25); S3 reads those as invalid.
  return date.toISOString().slice(0, 19) === value.slice(0, 19) ? date : undefined;
}

// A policy is the client's text: what a message quotes of it is cut short.
const QUOTED_LENGTH = 100;

function quoted(value: unknown): string {
  const text = String(value);
  return text.length > QUOTED_LENGTH ? text.slice(0, QUOTED_LENGTH) + "…" : text;
}

/** A condition as S3 prints it: a JSON array with `", "` between its elements. */
function shown(items: unknown[]): string {
  return "[" + items.map((item) => JSON.stringify(item)).join(", ") + "]";
}

function bound(value: unknown): number | undefined | "negative" {
  const number = typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) return undefined;
  return number < 0 ? "negative" : number;
}

function readArrayCondition(items: unknown[]): ReceivedCondition | PostPolicyFailure {
  if (items.length === 0 || typeof items[0] !== "string") {
    return invalidPolicy("Invalid Condition: missing operation identifier.");
  }
  const operator = items[0].toLowerCase();
  if (operator === "eq" || operator === "starts-with") {
    if (items.length !== 3) {
      return invalidPolicy(`Invalid ${quoted(items[0])}: wrong number of arguments.`);
    }
    if (typeof items[1] !== "string" || typeof items[2] !== "string") {
      return invalidPolicy("Invalid JSON.");
    }
    return { kind: "match", operator, field: items[1], value: items[2], shown: shown(items) };
  }
  if (operator === "content-length-range") {
    if (items.length !== 3) {
      return invalidPolicy(`Invalid ${quoted(items[0])}: wrong number of arguments.`);
    }
    const min = bound(items[1]);
    const max = bound(items[2]);
    if (min === "negative" || max === "negative") {
      return invalidPolicy("Invalid content-length-range: a bound is negative.");
    }
    // S3 takes numeric strings ("5", "10") as bounds, and fails any upload on other ones.
    return { kind: "range", min, max, shown: shown(items) };
  }
  return invalidPolicy(`Invalid Condition: unknown operation '${quoted(items[0])}'.`);
}

function readCondition(condition: unknown): ReceivedCondition | PostPolicyFailure {
  if (Array.isArray(condition)) return readArrayCondition(condition);
  if (condition === null || typeof condition !== "object") {
    return invalidPolicy("Invalid condition test: must be a List or Object.");
  }
  const entries = Object.entries(condition);
  if (entries.length !== 1) {
    return invalidPolicy(
      "Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.",
    );
  }
  const [[name, value]] = entries;
  if (value === null) return invalidPolicy("Invalid JSON.");
  if (typeof value !== "string") {
    return invalidPolicy("Invalid Simple-Condition: value must be a string.");
  }
  // S3 prints a simple condition as the `eq` it stands for.
  return {
    kind: "match",
    operator: "eq",
    field: "$" + name,
    value,
    shown: shown(["eq", "$" + name, value]),
  };
}

/**
 * Decodes and reads the base64 policy of a form, answering S3's `InvalidPolicyDocument`
 * ("Invalid Policy: …") for anything it would not read: bad base64 or JSON, a missing or
 * malformed `expiration` or `conditions` (both names in lowercase, as S3 requires), another
 * member, a condition of an unknown kind or with the wrong number of arguments.
 */
export function readPolicy(policy: string): ReceivedPolicy | PostPolicyFailure {
  const bytes = base64Decode(policy);
  if (bytes === undefined) return invalidPolicy("invalid Base64 encoding.");
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return invalidPolicy("Invalid JSON.");
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return invalidPolicy("Invalid JSON.");
  }
  const record = document as Record<string, unknown>;
  const unexpected = Object.keys(record).find((k) => k !== "expiration" && k !== "conditions");
  if (unexpected !== undefined) {
    return invalidPolicy(`Unexpected: '${quoted(unexpected.toLowerCase())}'`);
  }
  if (!("expiration" in record)) return invalidPolicy("Policy missing expiration.");
  const expiration = typeof record.expiration === "string"
    ? parseExpiration(record.expiration)
    : undefined;
  if (expiration === undefined) {
    return invalidPolicy(`Invalid 'expiration' value: '${quoted(record.expiration)}'`);
  }
  if (!("conditions" in record)) return invalidPolicy("Policy missing conditions.");
  if (!Array.isArray(record.conditions)) {
    return invalidPolicy("Invalid 'conditions' value: must be a List.");
  }
  const conditions: ReceivedCondition[] = [];
  for (const condition of record.conditions) {
    const read = readCondition(condition);
    if ("ok" in read) return read;
    conditions.push(read);
  }
  return { expiration, conditions };
}

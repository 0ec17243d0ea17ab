/**
 * STS parameter checks, failing with the `ValidationError` STS sends, worded the same:
 * `1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: …`.
 *
 * @module
 */
import { AwsServiceError } from "../aws_error.ts";

/** What a string parameter must look like. */
export interface StringRule {
  /** The shortest allowed length. */
  readonly min: number;
  /** The longest allowed length. */
  readonly max: number;
  /** The pattern the whole value must match, as STS writes it (no anchors). */
  readonly pattern?: string;
  /** Whether a missing parameter is an error. */
  readonly required?: boolean;
}

/** `[\w+=,.@-]*`: role session names, federated user names, source identities. */
export const NAME_PATTERN = "[\\w+=,.@-]*";
/** Role and provider ARNs. */
export const ARN_RULE: StringRule = {
  min: 20,
  max: 2048,
  pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD]+",
};
/** `RoleSessionName`: required, 2–64 characters of {@linkcode NAME_PATTERN}. */
export const SESSION_NAME_RULE: StringRule & { required: true } = {
  min: 2,
  max: 64,
  pattern: NAME_PATTERN,
  required: true,
};
/** `SerialNumber` of an MFA device. */
export const SERIAL_NUMBER_RULE: StringRule = { min: 9, max: 256, pattern: "[\\w+=/:,.@-]*" };
/** `TokenCode`: six digits. */
export const TOKEN_CODE_RULE: StringRule = { min: 6, max: 6, pattern: "[\\d]*" };

/** A 400 `ValidationError` about `value` of parameter `name`. */
export function validationError(
  name: string,
  value: string | null,
  constraint: string,
): AwsServiceError {
  const shown = value === null ? "null" : `'${value}'`;
  const field = name[0].toLowerCase() + name.slice(1);
  return new AwsServiceError({
    status: 400,
    code: "ValidationError",
    message:
      `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  });
}

/** The value of a required parameter `name`, checked against `rule`. */
export function stringParam(
  params: URLSearchParams,
  name: string,
  rule: StringRule & { required: true },
): string;
/** The value of `name`, checked against `rule`, or `undefined` when absent. */
export function stringParam(
  params: URLSearchParams,
  name: string,
  rule: StringRule,
): string | undefined;
export function stringParam(
  params: URLSearchParams,
  name: string,
  rule: StringRule,
): string | undefined {
  const value = params.get(name);
  if (value === null) {
    if (rule.required) throw validationError(name, null, "Member must not be null");
    return undefined;
  }
  checkString(name, value, rule);
  return value;
}

/** Throws a `ValidationError` unless `value` satisfies `rule`. */
export function checkString(name: string, value: string, rule: StringRule): void {
  if (value.length < rule.min) {
    throw validationError(
      name,
      value,
      `Member must have length greater than or equal to ${rule.min}`,
    );
  }
  if (value.length > rule.max) {
    throw validationError(name, value, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`, "u").test(value)) {
    throw validationError(
      name,
      value,
      `Member must satisfy regular expression pattern: ${rule.pattern}`,
    );
  }
}

/** `DurationSeconds` as an integer in `min`–`max`, or `fallback` when absent. */
export function durationParam(
  params: URLSearchParams,
  range: { min: number; max: number; fallback: number },
): number {
  const value = params.get("DurationSeconds");
  if (value === null) return range.fallback;
  if (!/^\d{1,9}$/.test(value)) {
    throw validationError("DurationSeconds", value, "Member must be an integer");
  }
  const seconds = Number(value);
  if (seconds < range.min) {
    throw validationError(
      "DurationSeconds",
      value,
      `Member must have value greater than or equal to ${range.min}`,
    );
  }
  if (seconds > range.max) {
    throw validationError(
      "DurationSeconds",
      value,
      `Member must have value less than or equal to ${range.max}`,
    );
  }
  return seconds;
}

/**
 * The members of a Query-protocol list, e.g. `PolicyArns.member.1.arn`, in index order:
 * for each index N, the map of what follows `List.member.N` (`""` for a scalar member,
 * `".arn"`, `".Key"`, `".Value"` for structures).
 */
export function listMembers(params: URLSearchParams, list: string): Map<string, string>[] {
  const prefix = `${list}.member.`;
  const members = new Map<number, Map<string, string>>();
  for (const [name, value] of params) {
    if (!name.startsWith(prefix)) continue;
    const [, index, field] = name.slice(prefix.length).match(/^(\d+)(.*)$/) ?? [];
    if (index === undefined) continue;
    const member = members.get(Number(index)) ?? new Map<string, string>();
    members.set(Number(index), member.set(field, value));
  }
  return [...members.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
}

/** Throws a `ValidationError` when a list has more than `max` members. */
export function checkListSize(list: string, size: number, max: number): void {
  if (size > max) {
    throw validationError(
      list,
      `[${size} members]`,
      `Member must have length less than or equal to ${max}`,
    );
  }
}

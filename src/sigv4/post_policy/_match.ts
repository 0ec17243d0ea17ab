import type { ReceivedCondition } from "./_document.ts";
import { deniedByPolicy, postFailure, type PostPolicyFailure } from "./failure.ts";

/** What the conditions are matched against. */
export interface MatchInput {
  /** A field's value by lowercase name (`${filename}` expanded), `undefined` when absent. */
  readonly valueOf: (lowerName: string) => string | undefined;
  /** The file's size in bytes. */
  readonly size: number;
}

/**
 * Whether `value` passes an `eq` or `starts-with` condition. Values are compared with case
 * (S3 refused `HTTP://…` for `http://…`); a `Content-Type` holding a comma-separated list
 * passes `starts-with` only when every item does ("Matching Content-Types in a
 * Comma-Separated List"), other fields are plain strings whatever commas they hold.
 */
function passes(condition: ReceivedCondition & { kind: "match" }, name: string, value: string) {
  if (condition.operator === "eq") return value === condition.value;
  if (name === "content-type") {
    return value.split(",").every((item) => item.startsWith(condition.value));
  }
  return value.startsWith(condition.value);
}

function checkRange(
  condition: ReceivedCondition & { kind: "range" },
  size: number,
): PostPolicyFailure | undefined {
  const { min, max } = condition;
  if (min === undefined || max === undefined) {
    return deniedByPolicy(`Policy Condition failed: ${condition.shown}`);
  }
  if (size > max) {
    return postFailure(
      400,
      "EntityTooLarge",
      "Your proposed upload exceeds the maximum allowed size",
      {
        proposedSize: size,
        maxSizeAllowed: max,
      },
    );
  }
  if (size < min) {
    return postFailure(
      400,
      "EntityTooSmall",
      "Your proposed upload is smaller than the minimum allowed size",
      { proposedSize: size, minSizeAllowed: min },
    );
  }
  return undefined;
}

/**
 * The first condition the form fails, as S3 answers it: 403 "Invalid according to Policy:
 * Policy Condition failed: [...]" (the condition as the policy spells it), or 400
 * `EntityTooLarge` / `EntityTooSmall` for the size. A condition on a field the form lacks
 * fails, even `starts-with ""`; a name without its `$` names no field and fails too.
 * Condition names match field names without regard to case, as S3 matches them.
 */
export function firstFailedCondition(
  conditions: readonly ReceivedCondition[],
  input: MatchInput,
): PostPolicyFailure | undefined {
  for (const condition of conditions) {
    if (condition.kind === "range") {
      const failed = checkRange(condition, input.size);
      if (failed) return failed;
      continue;
    }
    const name = condition.field.slice(1).toLowerCase();
    const value = condition.field.startsWith("$") ? input.valueOf(name) : undefined;
    if (value === undefined || !passes(condition, name, value)) {
      return deniedByPolicy(`Policy Condition failed: ${condition.shown}`);
    }
  }
  return undefined;
}

/** Fields S3 lets a form send without a condition naming them. */
function isExempt(lowerName: string): boolean {
  return lowerName === "policy" || lowerName === "x-amz-signature" ||
    lowerName.startsWith("x-ignore-");
}

/**
 * S3's coverage rule: "Each form field that you specify in a form (except x-amz-signature,
 * file, policy, and field names that have an x-ignore- prefix) must appear in the list of
 * conditions", else 403 "Invalid according to Policy: Extra input fields: <name>".
 */
export function uncoveredField(
  conditions: readonly ReceivedCondition[],
  fields: Iterable<[string, { readonly name: string }]>,
): PostPolicyFailure | undefined {
  const covered = new Set<string>();
  for (const condition of conditions) {
    if (condition.kind === "match" && condition.field.startsWith("$")) {
      covered.add(condition.field.slice(1).toLowerCase());
    }
  }
  for (const [lowerName, field] of fields) {
    if (!isExempt(lowerName) && !covered.has(lowerName)) {
      return deniedByPolicy(`Extra input fields: ${field.name}`);
    }
  }
  return undefined;
}

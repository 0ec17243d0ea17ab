import { PostPolicyError } from "./errors.ts";

/**
 * One condition of an S3 POST policy, in the forms S3 documents ("POST Policy", "Condition
 * matching") and `@aws-sdk/s3-presigned-post` takes: an exact match written as an object
 * (`{ acl: "public-read" }`) or as `["eq", "$acl", "public-read"]`, a prefix match
 * (`["starts-with", "$key", "user/alice/"]`, `""` for any value), or the allowed size of
 * the file in bytes (`["content-length-range", min, max]`, both inclusive).
 *
 * @example
 * ```ts
 * import { presignPost, type PostPolicyCondition } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const conditions: PostPolicyCondition[] = [
 *   { acl: "private" },
 *   ["starts-with", "$Content-Type", "image/"],
 *   ["content-length-range", 1, 5_000_000],
 * ];
 * const { fields } = await presignPost({
 *   bucket: "uploads",
 *   key: "avatars/alice.png",
 *   conditions,
 *   fields: { acl: "private" },
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 * });
 * assertEquals(JSON.parse(atob(fields.Policy)).conditions.slice(0, 3), conditions);
 * ```
 */
export type PostPolicyCondition =
  | Record<string, string>
  | ["eq", string, string]
  | ["starts-with", string, string]
  | ["content-length-range", number, number];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const SHOWN_LENGTH = 120;

/** `value` as JSON, cut short for a message (conditions name fields, never secrets). */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > SHOWN_LENGTH ? text.slice(0, SHOWN_LENGTH) + "…" : text;
}

/**
 * Throws {@linkcode PostPolicyError} unless `value` is a string S3 can take in a form: the
 * policy and the form are UTF-8 ("The form and policy must be UTF-8 encoded"), and a lone
 * surrogate has no UTF-8 form (it would be sent as U+FFFD and never match).
 */
export function checkFormText(what: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new PostPolicyError(`${what} must be a string, got ${typeof value}.`);
  }
  if (LONE_SURROGATE.test(value)) {
    throw new PostPolicyError(`${what} contains a lone UTF-16 surrogate, which UTF-8 cannot hold.`);
  }
  return value;
}

function checkMatchCondition(where: string, condition: unknown[]): void {
  if (condition.length !== 3) {
    throw new PostPolicyError(
      `${where} ${shown(condition)} must have 3 elements: [operator, "$field", value].`,
    );
  }
  const field = checkFormText(`${where} field name`, condition[1]);
  // S3 compares against the form field named after the '$'; without it the condition
  // matches nothing and every upload fails ("Invalid according to Policy").
  if (!field.startsWith("$") || field.length < 2) {
    throw new PostPolicyError(
      `${where} ${shown(condition)} must name its form field with a leading '$', e.g. "$key".`,
    );
  }
  checkFormText(`${where} value`, condition[2]);
}

function checkLengthRange(where: string, condition: unknown[]): void {
  const [, min, max] = condition;
  if (condition.length !== 3 || !Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
    // S3 answers "Invalid Policy: Invalid JSON." for a fractional bound.
    throw new PostPolicyError(
      `${where} ${
        shown(condition)
      } must be ["content-length-range", min, max] with whole numbers of bytes.`,
    );
  }
  if ((min as number) < 0) {
    throw new PostPolicyError(`${where} ${shown(condition)} has a negative minimum.`);
  }
  if ((min as number) > (max as number)) {
    throw new PostPolicyError(
      `${where} ${shown(condition)} has its minimum above its maximum: no upload could match.`,
    );
  }
}

/**
 * Checks every condition for what S3 refuses when the form arrives ("Invalid Policy: …"
 * or a condition no upload can meet) and returns them unchanged. Operators are matched
 * without regard to case, as S3 does; they are written into the policy as given.
 */
export function checkConditions(conditions: unknown): PostPolicyCondition[] {
  if (!Array.isArray(conditions)) {
    throw new PostPolicyError("conditions must be an array of POST policy conditions.");
  }
  conditions.forEach((condition: unknown, index) => {
    const where = `conditions[${index}]`;
    if (Array.isArray(condition)) {
      const operator = typeof condition[0] === "string" ? condition[0].toLowerCase() : "";
      if (operator === "eq" || operator === "starts-with") checkMatchCondition(where, condition);
      else if (operator === "content-length-range") checkLengthRange(where, condition);
      else {
        throw new PostPolicyError(
          `${where} ${
            shown(condition)
          } has an unknown operator: S3 knows "eq", "starts-with" and "content-length-range".`,
        );
      }
    } else if (condition !== null && typeof condition === "object") {
      const entries = Object.entries(condition);
      // S3: "Invalid Simple-Condition: Simple-Conditions must have exactly one property specified."
      if (entries.length !== 1) {
        throw new PostPolicyError(
          `${where} ${shown(condition)} must have exactly one property, as S3 requires.`,
        );
      }
      checkFormText(`${where} field name`, entries[0][0]);
      checkFormText(`${where}.${entries[0][0]}`, entries[0][1]);
    } else {
      throw new PostPolicyError(`${where} must be an object or an array, got ${shown(condition)}.`);
    }
  });
  return conditions as PostPolicyCondition[];
}

// Fields presignPost writes itself: a second one under another letter case would be a
// second form field of the same name, which S3 joins with a comma and no policy matches.
const OWN_FIELDS = new Set([
  "bucket",
  "key",
  "policy",
  "file",
  "x-amz-algorithm",
  "x-amz-credential",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-signature",
]);

/** Checks the extra form fields: string values, and none of the fields presignPost sets. */
export function checkFields(fields: unknown): Record<string, string> {
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) {
    throw new PostPolicyError("fields must be an object of form field names to string values.");
  }
  for (const [name, value] of Object.entries(fields)) {
    checkFormText("A field name", name);
    if (name === "") throw new PostPolicyError("fields has an empty field name.");
    if (OWN_FIELDS.has(name.toLowerCase())) {
      throw new PostPolicyError(
        `fields.${name} is set by presignPost itself; pass the bucket and key as options.`,
      );
    }
    checkFormText(`fields.${name}`, value);
  }
  return fields as Record<string, string>;
}

import { AwsServiceError } from "../aws_error.ts";
import {
  ARN_RULE,
  checkListSize,
  checkString,
  listMembers,
  stringParam,
  validationError,
} from "./sts_params.ts";

const TAG_CHARS = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]";
const POLICY_RULE = { min: 1, max: 2048, pattern: ARN_RULE.pattern };
/** The bytes of packed policy and tags that make 100 %; an approximation of STS's packing. */
const PACKED_CAPACITY = 2048;

/**
 * Checks the session policy parameters of an assume-role or federation call (`Policy`,
 * `PolicyArns.member.N.arn` and, with `tags`, `Tags.member.N.Key/Value` and
 * `TransitiveTagKeys.member.N`) the way STS does, and returns the `PackedPolicySize`
 * percentage to answer with, or `undefined` when the call sent no policy and no tags.
 *
 * Fails with `ValidationError`, `MalformedPolicyDocument` (a policy that is not JSON),
 * `InvalidParameterValue` (duplicate tag keys, case-insensitively) or
 * `PackedPolicyTooLarge` (over 100 %).
 */
export function packedSessionPolicySize(
  params: URLSearchParams,
  options: { tags: boolean },
): number | undefined {
  const policy = stringParam(params, "Policy", POLICY_RULE);
  let packed = 0;
  if (policy !== undefined) {
    try {
      packed += JSON.stringify(JSON.parse(policy)).length;
    } catch {
      throw new AwsServiceError({
        status: 400,
        code: "MalformedPolicyDocument",
        message: "The policy is not in the valid JSON format.",
      });
    }
  }
  const policyArns = listMembers(params, "PolicyArns");
  checkListSize("PolicyArns", policyArns.length, 10);
  policyArns.forEach((member, i) => {
    const arn = member.get(".arn");
    const name = `PolicyArns.member.${i + 1}.arn`;
    if (arn === undefined) throw validationError(name, null, "Member must not be null");
    checkString(name, arn, ARN_RULE);
  });
  const tagChars = options.tags ? checkTags(params) : undefined;
  if (policy === undefined && tagChars === undefined) return undefined;
  const size = Math.max(1, Math.ceil((100 * (packed + (tagChars ?? 0))) / PACKED_CAPACITY));
  if (size > 100) {
    throw new AwsServiceError({
      status: 400,
      code: "PackedPolicyTooLarge",
      message: `Packed policy consumes ${size}% of allotted space, please use smaller policy.`,
    });
  }
  return size;
}

/** The characters the tags take up, or `undefined` when there are none. */
function checkTags(params: URLSearchParams): number | undefined {
  const tags = listMembers(params, "Tags");
  checkListSize("Tags", tags.length, 50);
  const keys = new Set<string>();
  let chars = 0;
  tags.forEach((tag, i) => {
    const key = tag.get(".Key");
    const value = tag.get(".Value");
    const prefix = `Tags.member.${i + 1}`;
    if (key === undefined) throw validationError(`${prefix}.Key`, null, "Member must not be null");
    if (value === undefined) {
      throw validationError(`${prefix}.Value`, null, "Member must not be null");
    }
    checkString(`${prefix}.Key`, key, { min: 1, max: 128, pattern: `${TAG_CHARS}+` });
    checkString(`${prefix}.Value`, value, { min: 0, max: 256, pattern: `${TAG_CHARS}*` });
    if (keys.has(key.toLowerCase())) {
      throw new AwsServiceError({
        status: 400,
        code: "InvalidParameterValue",
        message: "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
      });
    }
    keys.add(key.toLowerCase());
    chars += key.length + value.length;
  });
  const transitive = listMembers(params, "TransitiveTagKeys");
  checkListSize("TransitiveTagKeys", transitive.length, 50);
  transitive.forEach((member, i) => {
    checkString(`TransitiveTagKeys.member.${i + 1}`, member.get("") ?? "", {
      min: 1,
      max: 128,
      pattern: `${TAG_CHARS}+`,
    });
  });
  return tags.length === 0 ? undefined : chars;
}

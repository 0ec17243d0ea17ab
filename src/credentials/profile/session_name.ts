/**
 * The role session name used when none is configured: `iamfetch-<milliseconds since the
 * epoch>`, which identifies the tool and the moment in CloudTrail. AWS SDK v3 uses
 * `aws-sdk-js-<milliseconds>`, botocore `botocore-session-<seconds>`.
 *
 * @example
 * ```ts
 * import { roleSessionName } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals, assertMatch } from "@std/assert";
 *
 * assertMatch(roleSessionName(), /^iamfetch-\d{13}$/);
 * assertEquals(roleSessionName("deploy-bot"), "deploy-bot");
 * ```
 */
export function roleSessionName(configured?: string): string {
  return configured ?? `iamfetch-${Date.now()}`;
}

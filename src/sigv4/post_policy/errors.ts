import { SigningInputError } from "../errors.ts";

/**
 * Thrown by {@linkcode presignPost} when the policy it was asked for is one S3 would refuse
 * (a condition of an unknown kind, a `content-length-range` with its minimum above its
 * maximum, an `expiresIn` out of range, an empty bucket or key, …). A `SigningInputError`,
 * so one `catch` covers every signing input; the message names the option at fault and
 * never a secret.
 *
 * @example
 * ```ts
 * import { presignPost, PostPolicyError } from "@iamfetch/iamfetch/sigv4";
 * import { assertRejects } from "@std/assert";
 *
 * await assertRejects(
 *   () =>
 *     presignPost({
 *       bucket: "uploads",
 *       key: "avatar.png",
 *       conditions: [["content-length-range", 1000, 10]],
 *       credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *       region: "eu-west-1",
 *     }),
 *   PostPolicyError,
 *   "minimum",
 * );
 * ```
 */
export class PostPolicyError extends SigningInputError {
  /** Creates the error; `message` must not contain secret values. */
  constructor(message: string) {
    super(message);
    this.name = "PostPolicyError";
  }
}

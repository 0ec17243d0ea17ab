/**
 * The AWS error codes {@linkcode verifyPostPolicy} answers with, as S3 answers a POST
 * Object request.
 *
 * @example
 * ```ts
 * import type { PostPolicyErrorCode } from "@iamfetch/iamfetch/sigv4";
 *
 * function isClientMistake(code: PostPolicyErrorCode): boolean {
 *   return code !== "AccessDenied" && code !== "SignatureDoesNotMatch";
 * }
 * if (!isClientMistake("EntityTooLarge")) throw new Error("a too large file is the client's");
 * ```
 */
export type PostPolicyErrorCode =
  | "AccessDenied"
  | "InvalidArgument"
  | "InvalidAccessKeyId"
  | "SignatureDoesNotMatch"
  | "InvalidPolicyDocument"
  | "EntityTooLarge"
  | "EntityTooSmall"
  | "MaxPostPreDataLengthExceeded";

/**
 * Why a POST form failed verification, in S3's terms: the status, code and message S3
 * answers with, and the extra elements its error XML carries for that code.
 *
 * @example
 * ```ts
 * import { verifyPostPolicy } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const result = await verifyPostPolicy(new FormData(), {
 *   secretFor: () => undefined,
 *   bucket: "uploads",
 * });
 * assertEquals(result.ok ? 200 : result.status, 403); // no policy: an anonymous upload
 * ```
 */
export interface PostPolicyFailure {
  /** Always `false`. */
  ok: false;
  /** The HTTP status S3 answers with. */
  status: number;
  /** The AWS error code. */
  code: PostPolicyErrorCode;
  /** The message, safe to send to the client; never contains a secret. */
  message: string;
  /** `InvalidArgument`: the form field at fault (S3's `<ArgumentName>`). */
  argumentName?: string;
  /** `EntityTooLarge` / `EntityTooSmall`: the file's size (S3's `<ProposedSize>`). */
  proposedSize?: number;
  /** `EntityTooLarge`: the policy's maximum (S3's `<MaxSizeAllowed>`). */
  maxSizeAllowed?: number;
  /** `EntityTooSmall`: the policy's minimum (S3's `<MinSizeAllowed>`). */
  minSizeAllowed?: number;
}

/** Builds a {@linkcode PostPolicyFailure}. */
export function postFailure(
  status: number,
  code: PostPolicyErrorCode,
  message: string,
  extra: Partial<PostPolicyFailure> = {},
): PostPolicyFailure {
  return { ok: false, status, code, message, ...extra };
}

/** S3's 400 `InvalidPolicyDocument`, "Invalid Policy: …", for a policy it cannot read. */
export function invalidPolicy(reason: string): PostPolicyFailure {
  return postFailure(400, "InvalidPolicyDocument", `Invalid Policy: ${reason}`);
}

/** S3's 403 for a form the policy does not allow: "Invalid according to Policy: …". */
export function deniedByPolicy(reason: string): PostPolicyFailure {
  return postFailure(403, "AccessDenied", `Invalid according to Policy: ${reason}`);
}

/** S3's 400 for a missing signing field, naming it in its canonical spelling. */
export function missingField(name: string): PostPolicyFailure {
  // Two spaces after the first sentence, as S3 writes it.
  return postFailure(
    400,
    "InvalidArgument",
    `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
    { argumentName: name },
  );
}

import { timingSafeEqual } from "../../_shared/constant_time.ts";
import { signingHmac } from "../_signing_key.ts";
import type { VerifyOptions } from "../verify.ts";
import { readClaim } from "./_claim.ts";
import { readPolicy } from "./_document.ts";
import { expandFilename, readForm } from "./_form.ts";
import { firstFailedCondition, uncoveredField } from "./_match.ts";
import { missingField, postFailure, type PostPolicyFailure } from "./failure.ts";

/**
 * Options of {@linkcode verifyPostPolicy}.
 *
 * @example
 * ```ts
 * import type { VerifyPostPolicyOptions } from "@iamfetch/iamfetch/sigv4";
 *
 * const secrets = new Map([["AKIDEXAMPLE", "secret"]]);
 * const options: VerifyPostPolicyOptions = {
 *   secretFor: (id) => secrets.get(id),
 *   bucket: "uploads",
 *   region: "eu-west-1",
 * };
 * ```
 */
export interface VerifyPostPolicyOptions {
  /**
   * Returns the secret access key of `accessKeyId`, or `undefined` when the key is unknown
   * or the session token (`context.sessionToken`, the form's `X-Amz-Security-Token`) is not
   * the one issued with it; as for {@linkcode VerifyOptions}, anything but a non-empty
   * string means an unknown key.
   */
  secretFor: VerifyOptions["secretFor"];
  /** The bucket the form was posted to (from the URL): the value `bucket` conditions match. */
  bucket: string;
  /** When given, the credential scope must name this region. */
  region?: string;
  /** The server's current time; defaults to now. */
  now?: Date;
  /**
   * The file's size in bytes, when the caller reads the file itself; by default the size of
   * the form's `file` entry.
   */
  fileSize?: number;
}

/**
 * A form whose policy verified: who signed it, and what the form holds.
 *
 * @example
 * ```ts
 * import type { VerifiedPostPolicy } from "@iamfetch/iamfetch/sigv4";
 *
 * function objectName(result: VerifiedPostPolicy): string {
 *   return `${result.bucket}/${result.key}`;
 * }
 * ```
 */
export interface VerifiedPostPolicy {
  /** Always `true`. */
  ok: true;
  /** The access key id that signed the policy. */
  accessKeyId: string;
  /** The region of the credential scope. */
  region: string;
  /** The form's `X-Amz-Security-Token`, if any. */
  sessionToken?: string;
  /** The bucket, as given in the options. */
  bucket: string;
  /** The object key, `${filename}` replaced by the file's name. */
  key: string;
  /** The fields before the file by lowercase name, `${filename}` expanded; no `policy` or signature. */
  fields: Record<string, string>;
  /** The file's size in bytes. */
  contentLength: number;
  /** When the policy expires. */
  expiration: Date;
  /** The form's `X-Amz-Date`. */
  date: Date;
}

/**
 * The outcome of {@linkcode verifyPostPolicy}.
 *
 * @example
 * ```ts
 * import type { VerifyPostPolicyResult } from "@iamfetch/iamfetch/sigv4";
 *
 * function status(result: VerifyPostPolicyResult): number {
 *   return result.ok ? 204 : result.status;
 * }
 * ```
 */
export type VerifyPostPolicyResult = VerifiedPostPolicy | PostPolicyFailure;

// "The form data and boundaries (excluding the contents of the file) cannot exceed 20KB."
const MAX_PRE_DATA_BYTES = 20_480; // a literal: bundles that only sign drop it

/**
 * Verifies a browser form upload (S3's POST Object) the way S3 does, for servers that take
 * such forms themselves: the SigV4 signature of the policy (compared in constant time), its
 * expiration, and every condition — exact and `starts-with` matches with field names in any
 * case, `content-length-range` against the file's size, `${filename}` expanded first — and
 * that no field but `x-amz-signature`, `policy`, `file` and `x-ignore-*` escapes the
 * conditions. Fields after the file are ignored, as S3 ignores them.
 *
 * Failures carry S3's status, code and message: `AccessDenied` "Invalid according to
 * Policy: Policy Condition failed: [...]" / "Policy expired." / "Extra input fields: …",
 * `EntityTooLarge`, `EntityTooSmall`, `SignatureDoesNotMatch`, `InvalidAccessKeyId`,
 * `InvalidPolicyDocument`, `InvalidArgument`. Junk input is a failure, never a throw.
 *
 * @example
 * ```ts
 * import { presignPost, verifyPostPolicy } from "@iamfetch/iamfetch/sigv4";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const { fields } = await presignPost({
 *   bucket: "uploads",
 *   key: "avatars/${filename}",
 *   conditions: [["content-length-range", 1, 1024]],
 *   credentials,
 *   region: "eu-west-1",
 * });
 * const form = new FormData();
 * for (const [name, value] of Object.entries(fields)) form.append(name, value);
 * form.append("file", new File(["tiny"], "alice.png"));
 *
 * const options = {
 *   secretFor: (id: string) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
 *   bucket: "uploads",
 * };
 * const result = await verifyPostPolicy(form, options);
 * assert(result.ok);
 * assertEquals(result.key, "avatars/alice.png");
 *
 * form.set("file", new File(["x".repeat(2048)], "big.png"));
 * const tooLarge = await verifyPostPolicy(form, options);
 * assertEquals(tooLarge.ok ? "ok" : tooLarge.code, "EntityTooLarge");
 * ```
 */
export async function verifyPostPolicy(
  form: Iterable<readonly [string, string | Blob]>,
  options: VerifyPostPolicyOptions,
): Promise<VerifyPostPolicyResult> {
  const { fileSize } = options;
  if (fileSize !== undefined && (!Number.isSafeInteger(fileSize) || fileSize < 0)) {
    throw new TypeError("verifyPostPolicy: fileSize must be a whole number of bytes.");
  }
  const received = readForm(form);
  if (received.preDataBytes > MAX_PRE_DATA_BYTES) {
    // S3's code and message, spelling included.
    return postFailure(
      400,
      "MaxPostPreDataLengthExceeded",
      "Your POST request fields preceeding the upload file was too large.",
    );
  }
  const claim = readClaim(received.fields, options.region);
  if ("ok" in claim) return claim;
  if (!received.fields.has("key")) return missingField("key");
  const size = fileSize ?? received.file?.size;
  if (received.fileCount > 1 || size === undefined) {
    return postFailure(
      400,
      "InvalidArgument",
      "POST requires exactly one file upload per request.",
      {
        argumentName: "file",
      },
    );
  }

  const secret = await options.secretFor(claim.accessKeyId, {
    sessionToken: claim.sessionToken,
    region: claim.region,
    service: "s3",
  });
  if (typeof secret !== "string" || secret === "") {
    return postFailure(
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
    );
  }
  // The string to sign is the policy field as received, before it is decoded.
  const expected = signingHmac(secret, claim.shortDate, claim.region, "s3").hex(claim.policy);
  if (!timingSafeEqual(expected, claim.signature)) {
    return postFailure(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
  }

  const policy = readPolicy(claim.policy);
  if ("ok" in policy) return policy;
  if ((options.now ?? new Date()).getTime() > policy.expiration.getTime()) {
    return postFailure(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
  }
  // A Map, not an object: a field named `constructor` or `__proto__` is just a field.
  const fields = new Map<string, string>();
  for (const [lowerName, field] of received.fields) {
    if (lowerName !== "policy" && lowerName !== "x-amz-signature") {
      fields.set(lowerName, expandFilename(field.value, received.file?.filename));
    }
  }
  const failed = firstFailedCondition(policy.conditions, {
    valueOf: (name) => name === "bucket" ? options.bucket : fields.get(name),
    size,
  }) ?? uncoveredField(policy.conditions, received.fields);
  if (failed) return failed;
  const key = fields.get("key") as string;
  if (key === "") {
    return postFailure(400, "InvalidArgument", "User key must have a length greater than 0.", {
      argumentName: "key",
    });
  }
  return {
    ok: true,
    accessKeyId: claim.accessKeyId,
    region: claim.region,
    ...(claim.sessionToken === undefined ? {} : { sessionToken: claim.sessionToken }),
    bucket: options.bucket,
    key,
    fields: Object.fromEntries(fields),
    contentLength: size,
    expiration: policy.expiration,
    date: claim.date,
  };
}

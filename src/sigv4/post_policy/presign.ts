import { formatAmzDate } from "../amz_date.ts";
import { base64 } from "../../_shared/bytes/base64.ts";
import { type CredentialsInput, resolveCredentials } from "../credentials.ts";
import { checkScopeName } from "../scope_name.ts";
import { ALGORITHM, credentialScope } from "../signature.ts";
import { signingHmac } from "../_signing_key.ts";
import {
  checkConditions,
  checkFields,
  checkFormText,
  type PostPolicyCondition,
} from "./conditions.ts";
import { checkBucket, postUrl } from "./_endpoint.ts";
import { PostPolicyError } from "./errors.ts";

/**
 * Options of {@linkcode presignPost}: `@aws-sdk/s3-presigned-post`'s `createPresignedPost`
 * inputs (`Bucket`, `Key`, `Conditions`, `Fields`, `Expires`) and the S3 client settings
 * it reads, in camel case.
 *
 * @example
 * ```ts
 * import { presignPost, type PresignPostOptions } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const options: PresignPostOptions = {
 *   bucket: "uploads",
 *   key: "user/alice/${filename}",
 *   expiresIn: 600,
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 * };
 * assertEquals((await presignPost(options)).url, "https://uploads.s3.eu-west-1.amazonaws.com/");
 * ```
 */
export interface PresignPostOptions {
  /** The bucket the form uploads to. */
  bucket: string;
  /**
   * The object key; a key ending in `${filename}` (S3 puts the uploaded file's name there)
   * is allowed any name after its prefix (`["starts-with", "$key", prefix]`).
   */
  key: string;
  /** Conditions besides the ones every form gets (bucket, key and the signature fields). */
  conditions?: PostPolicyCondition[];
  /** More form fields (`acl`, `Content-Type`, `x-amz-meta-…`), each also an exact condition. */
  fields?: Record<string, string>;
  /** Seconds until the policy expires: a whole number from 1 to 604800 (7 days). Defaults to 3600. */
  expiresIn?: number;
  /** Credentials, or an async provider called once. */
  credentials: CredentialsInput;
  /** The bucket's region, e.g. `eu-west-1`. */
  region: string;
  /** An S3-compatible endpoint, e.g. `http://127.0.0.1:9000`, instead of AWS's. */
  endpoint?: string | URL;
  /** Address the bucket in the path (`https://s3.<region>.amazonaws.com/<bucket>`). */
  forcePathStyle?: boolean;
  /** Post to the dual-stack (IPv4 and IPv6) endpoint `s3.dualstack.<region>`. */
  useDualstackEndpoint?: boolean;
  /** Post through S3 Transfer Acceleration (`<bucket>.s3-accelerate.amazonaws.com`). */
  useAccelerateEndpoint?: boolean;
  /** The signing time; defaults to now. */
  date?: Date;
}

/**
 * What {@linkcode presignPost} returns: where the form goes and its hidden fields, the
 * shape of `createPresignedPost`'s answer.
 *
 * @example
 * ```ts
 * import { presignPost, type PresignedPost } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const post: PresignedPost = await presignPost({
 *   bucket: "uploads",
 *   key: "report.csv",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 * });
 * const form = new FormData();
 * for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
 * form.append("file", new Blob(["a,b\n1,2\n"]), "report.csv"); // the file goes last
 * assert(form.has("X-Amz-Signature"));
 * ```
 */
export interface PresignedPost {
  /** The form's `action`: the bucket's URL. */
  url: string;
  /** The form fields to send before the file, in this order. */
  fields: Record<string, string>;
}

const DEFAULT_EXPIRES_IN = 3600;
// "In Signature Version 4, the signing key is valid for up to seven days" (S3's
// `s3:signatureAge` documentation): a policy signed for longer outlives its key.
const MAX_EXPIRES_IN = 604_800;
const FILENAME = "${filename}";
// S3 object keys are at most 1024 bytes of UTF-8.
const MAX_KEY_BYTES = 1024;

function checkExpiresIn(expiresIn: unknown): number {
  if (!Number.isInteger(expiresIn) || (expiresIn as number) < 1) {
    throw new PostPolicyError(
      `expiresIn must be a whole number of seconds from 1 to ${MAX_EXPIRES_IN}, got ${
        String(expiresIn)
      }.`,
    );
  }
  if ((expiresIn as number) > MAX_EXPIRES_IN) {
    throw new PostPolicyError(
      `expiresIn is over ${MAX_EXPIRES_IN} seconds (7 days), the life of a SigV4 signing key.`,
    );
  }
  return expiresIn as number;
}

function checkKey(key: unknown): string {
  checkFormText("key", key);
  const bytes = new TextEncoder().encode(key as string).length;
  if (bytes === 0 || bytes > MAX_KEY_BYTES) {
    throw new PostPolicyError(`key must be 1 to ${MAX_KEY_BYTES} bytes of UTF-8, got ${bytes}.`);
  }
  return key as string;
}

function checkRegion(region: unknown): string {
  try {
    checkScopeName("region", region);
  } catch (error) {
    throw new PostPolicyError((error as Error).message);
  }
  if ((region as string).endsWith("-global")) {
    throw new PostPolicyError(
      `${region as string} is not a signing region; give the bucket's own region.`,
    );
  }
  return region as string;
}

/** ISO 8601 without milliseconds, as `createPresignedPost` and botocore write `expiration`. */
function iso8601Seconds(time: number): string {
  const date = new Date(time);
  const iso = Number.isFinite(time) ? date.toISOString() : "";
  if (iso.length !== 24) throw new PostPolicyError("The policy would expire after the year 9999.");
  return iso.slice(0, 19) + "Z";
}

/**
 * The policy document, written as `createPresignedPost` writes it: the caller's conditions,
 * then an exact condition for every field the form sends, then the key's, each condition
 * once (compared as JSON), compact JSON throughout.
 */
function policyDocument(
  expiration: string,
  conditions: PostPolicyCondition[],
  fields: Record<string, string>,
  key: string,
): string {
  const written = new Set<string>();
  for (const condition of conditions) written.add(JSON.stringify(condition));
  for (const [name, value] of Object.entries(fields)) {
    written.add(JSON.stringify({ [name]: value }));
  }
  written.add(
    key.endsWith(FILENAME)
      ? JSON.stringify(["starts-with", "$key", key.slice(0, key.lastIndexOf(FILENAME))])
      : JSON.stringify({ key }),
  );
  return `{"expiration":${JSON.stringify(expiration)},"conditions":[${[...written].join(",")}]}`;
}

/**
 * Presigns a browser form upload to S3 (POST Object): returns the form's `url` and the
 * `fields` to send before the file — the extra `fields`, `bucket`, `X-Amz-Algorithm`,
 * `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Security-Token` (with a session token), `key`,
 * the base64 `Policy` and its SigV4 `X-Amz-Signature`. Byte-identical to
 * `@aws-sdk/s3-presigned-post`'s `createPresignedPost` for the same inputs and time; no
 * request is made.
 *
 * Throws {@linkcode PostPolicyError} for a policy S3 would refuse and `CredentialsError`
 * for missing or expired credentials.
 *
 * @example
 * ```ts
 * import { presignPost } from "@iamfetch/iamfetch/sigv4";
 * import { assertEquals } from "@std/assert";
 *
 * const { url, fields } = await presignPost({
 *   bucket: "uploads",
 *   key: "user/alice/${filename}",
 *   conditions: [["content-length-range", 1, 10_000_000], ["starts-with", "$Content-Type", "image/"]],
 *   fields: { "Content-Type": "image/png" },
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 *   date: new Date("2026-01-02T03:04:05Z"),
 * });
 * assertEquals(url, "https://uploads.s3.eu-west-1.amazonaws.com/");
 * assertEquals(fields["X-Amz-Credential"], "AKIDEXAMPLE/20260102/eu-west-1/s3/aws4_request");
 * assertEquals(JSON.parse(atob(fields.Policy)).expiration, "2026-01-02T04:04:05Z");
 * // <form action={url} method="post" enctype="multipart/form-data">: one hidden input per
 * // field, then <input type="file" name="file">.
 * ```
 */
export async function presignPost(options: PresignPostOptions): Promise<PresignedPost> {
  if (options === null || typeof options !== "object") {
    throw new PostPolicyError("presignPost needs options { bucket, key, credentials, region }.");
  }
  const bucket = checkBucket(options.bucket);
  const key = checkKey(options.key);
  const region = checkRegion(options.region);
  const expiresIn = checkExpiresIn(options.expiresIn ?? DEFAULT_EXPIRES_IN);
  const conditions = checkConditions(options.conditions ?? []);
  const extraFields = checkFields(options.fields ?? {});
  const url = postUrl({ ...options, bucket, region });
  const now = options.date ?? new Date();
  const { longDate, shortDate } = formatAmzDate(now);
  const expiration = iso8601Seconds(now.getTime() + expiresIn * 1000);
  const credentials = await resolveCredentials(options.credentials);

  const fields: Record<string, string> = {
    ...extraFields,
    bucket,
    "X-Amz-Algorithm": ALGORITHM,
    "X-Amz-Credential": credentials.accessKeyId + "/" + credentialScope(shortDate, region, "s3"),
    "X-Amz-Date": longDate,
    ...(credentials.sessionToken ? { "X-Amz-Security-Token": credentials.sessionToken } : {}),
  };
  // The string to sign is the base64 text itself ("Calculating a Signature", POST policy).
  const policy = base64(policyDocument(expiration, conditions, fields, key));
  const signature = signingHmac(credentials.secretAccessKey, shortDate, region, "s3").hex(policy);
  return { url, fields: { ...fields, key, Policy: policy, "X-Amz-Signature": signature } };
}

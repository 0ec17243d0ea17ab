import type { CredentialsInput } from "../sigv4/credentials.ts";
import { SigningInputError } from "../sigv4/errors.ts";
import { SigV4Signer } from "../sigv4/signer.ts";
import { checkScopeName } from "../sigv4/scope_name.ts";
import { base64Url } from "../_shared/bytes/base64.ts";

/**
 * Options of {@linkcode eksAuthToken}.
 */
export interface EksAuthTokenOptions {
  /** The EKS cluster name, signed as the `x-k8s-aws-id` header. */
  clusterName: string;
  /** The region of the regional STS endpoint the token is presigned for. */
  region: string;
  /** Credentials, or a provider called once for this token. */
  credentials: CredentialsInput;
  /** The signing time; defaults to now. */
  date?: Date;
}

/** The prefix of every EKS bearer token, as aws-iam-authenticator defines it. */
export const EKS_AUTH_TOKEN_PREFIX = "k8s-aws-v1.";

// aws-iam-authenticator presigns for 60 s; the cluster accepts a token up to 15 minutes
// after its X-Amz-Date (`aws eks get-token` reports expirationTimestamp = now + 14 min).
const PRESIGN_SECONDS = 60;
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * A Kubernetes bearer token for Amazon EKS, as `aws eks get-token` and aws-iam-authenticator
 * make it: `k8s-aws-v1.` + base64url (unpadded) of the presigned
 * `GET https://sts.<region>.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15`
 * with the header `x-k8s-aws-id: <clusterName>` signed in, expiring in 60 seconds.
 *
 * @example
 * ```ts
 * import { eksAuthToken } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const token = await eksAuthToken({
 *   clusterName: "prod",
 *   region: "eu-west-1",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 * });
 * assert(token.startsWith("k8s-aws-v1.") && !token.endsWith("="));
 * // Authorization: Bearer <token>
 * ```
 */
export async function eksAuthToken(options: EksAuthTokenOptions): Promise<string> {
  const region = checkScopeName("region", options.region);
  if (typeof options.clusterName !== "string" || !CLUSTER_NAME.test(options.clusterName)) {
    throw new SigningInputError(
      "clusterName must be an EKS cluster name: letters, digits, hyphens and underscores, starting with a letter or digit, at most 100 characters.",
    );
  }
  const signer = new SigV4Signer({ credentials: options.credentials, region, service: "sts" });
  const request = new Request(
    `https://sts.${region}.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15`,
    { headers: { "x-k8s-aws-id": options.clusterName } },
  );
  const url = await signer.presign(request, { date: options.date, expiresIn: PRESIGN_SECONDS });
  return EKS_AUTH_TOKEN_PREFIX + base64Url(url.href);
}

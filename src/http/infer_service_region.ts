/**
 * Which AWS service and region a URL is addressed to, read from its host name the way
 * aws4fetch (`guessServiceRegion`) reads it, so code moving from aws4fetch's `AwsClient`
 * signs the same scope without naming the service or region.
 *
 * @module
 */

/**
 * The service signing name and region a request is addressed to.
 */
export interface ServiceRegion {
  /** The service signing name, e.g. `s3`, `sqs`; the empty string when none could be inferred. */
  service: string;
  /** The region, e.g. `eu-west-1`; `us-east-1` when none could be inferred. */
  region: string;
}

/** The region aws4fetch signs for when neither the caller nor the host names one. */
export const DEFAULT_REGION = "us-east-1";

// Endpoint prefixes whose signing name is not the prefix itself. The same table as
// aws4fetch's HOST_SERVICES; a Map (not an object literal) so that host labels such as
// "constructor" or "__proto__" cannot resolve to Object.prototype members.
const SIGNING_NAME_OF_PREFIX: ReadonlyMap<string, string> = new Map([
  ["appstream2", "appstream"],
  ["cloudhsmv2", "cloudhsm"],
  ["email", "ses"],
  ["marketplace", "aws-marketplace"],
  ["mobile", "AWSMobileHubService"],
  ["pinpoint", "mobiletargeting"],
  ["queue", "sqs"],
  ["git-codecommit", "codecommit"],
  ["mturk-requester-sandbox", "mturk-requester"],
  ["personalize-runtime", "personalize"],
]);

// Lambda function URLs: <url-id>.lambda-url.<region>.on.aws.
const LAMBDA_URL = /^[^.]{1,63}\.lambda-url\.(?<region>[^.]{1,63})\.on\.aws$/;
// Backblaze B2's S3-compatible API: [<bucket>.]s3.<region>.backblazeb2.com.
const BACKBLAZE_S3 = /^(?:[^.]{1,63}\.)?s3\.(?<region>[^.]{1,63})\.backblazeb2\.com$/;
// The last one or two labels before amazonaws.com (or amazonaws.com.cn in the China
// partition): <first>.<second>.amazonaws.com. Unanchored at the start on purpose, so
// a bucket or account label in front is skipped; labels are at most 63 characters, as in
// DNS. Usually <first> is the service and <second> the region, but see `amazonAwsScope`.
const AMAZONAWS_LABELS =
  /(?<first>[^.]{1,63})\.(?:(?<second>[^.]{0,63})\.)?amazonaws\.com(?:\.cn)?$/;
// Region names end in "-<digit>" (us-east-1, eu-central-2); service prefixes do not.
const ENDS_LIKE_REGION = /-\d$/;

/**
 * Infers the service signing name and region of a request from its URL (and, for Auto
 * Scaling, its `X-Amz-Target` header), exactly as aws4fetch does: AWS endpoints
 * (`<service>.<region>.amazonaws.com[.cn]`, FIPS, dual-stack, GovCloud), S3 in virtual-host,
 * path, legacy `s3-<region>` and accelerate styles, IoT, Lambda function URLs, Cloudflare R2
 * and Backblaze B2. The service is `""` when the host is not recognised, and the region is
 * `us-east-1` when the host names none.
 *
 * @param url The request URL.
 * @param headers The request headers; only `X-Amz-Target` is read.
 * @returns The inferred service and region.
 *
 * @example
 * ```ts
 * import { inferServiceRegion } from "@iamfetch/iamfetch/http";
 * import { assert } from "@std/assert";
 *
 * const { service, region } = inferServiceRegion(
 *   new URL("https://my-bucket.s3.eu-west-1.amazonaws.com/photo.jpg"),
 *   new Headers(),
 * );
 * assert(service === "s3" && region === "eu-west-1");
 * ```
 */
export function inferServiceRegion(url: URL, headers: Headers): ServiceRegion {
  const { service, region } = hostScope(url, headers);
  return { service, region: region || DEFAULT_REGION };
}

// The scope named by the host, before the default region is applied ("" = none).
function hostScope(url: URL, headers: Headers): ServiceRegion {
  const host = url.hostname;
  if (host.endsWith(".on.aws")) {
    // Only Lambda function URLs are recognised under on.aws.
    const region = LAMBDA_URL.exec(host)?.groups?.region;
    return region === undefined ? { service: "", region: "" } : { service: "lambda", region };
  }
  // R2 takes SigV4 for its S3 API with the pseudo-region "auto".
  if (host.endsWith(".r2.cloudflarestorage.com")) return { service: "s3", region: "auto" };
  if (host.endsWith(".backblazeb2.com")) {
    const region = BACKBLAZE_S3.exec(host)?.groups?.region;
    return region === undefined ? { service: "", region: "" } : { service: "s3", region };
  }
  const { service, region } = amazonAwsScope(url, headers);
  return { service: SIGNING_NAME_OF_PREFIX.get(service) ?? service, region };
}

// The scope of an amazonaws.com host. The rules are tried in aws4fetch's order and only
// the first that applies is used.
function amazonAwsScope(url: URL, headers: Headers): ServiceRegion {
  // Dual-stack endpoints (s3.dualstack.<region>.amazonaws.com) sign like the IPv4 ones;
  // only the first "dualstack." is dropped, as in aws4fetch.
  const labels = AMAZONAWS_LABELS.exec(url.hostname.replace("dualstack.", ""))?.groups;
  const first = labels?.first ?? "";
  // `undefined` when the host has a single label before amazonaws.com (iam.amazonaws.com).
  const second: string | undefined = labels?.second;

  // The GovCloud partition's old global endpoints: <service>.us-gov.amazonaws.com.
  if (second === "us-gov") return { service: first, region: "us-gov-west-1" };
  // S3 virtual-host style on the global endpoint: <bucket>.s3[-accelerate].amazonaws.com.
  if (second === "s3" || second === "s3-accelerate") return { service: "s3", region: "us-east-1" };
  if (first === "iot") return { service: iotService(url), region: second ?? "" };
  if (first === "autoscaling") {
    return { service: autoscalingService(headers), region: second ?? "" };
  }
  if (second === undefined && first.startsWith("s3-")) {
    // Legacy S3 hosts: s3-<region>, s3-fips-<region>; s3-external-1 is us-east-1
    // (the empty region here becomes the default).
    return { service: "s3", region: first.slice(3).replace(/^fips-|^external-1/, "") };
  }
  // FIPS endpoints sign with the plain service name: dynamodb-fips.us-gov-west-1.
  if (first.endsWith("-fips")) return { service: first.slice(0, -5), region: second ?? "" };
  // Region-first hosts, e.g. us-east-2.queue.amazonaws.com: swap the two labels.
  if (second && ENDS_LIKE_REGION.test(first) && !ENDS_LIKE_REGION.test(second)) {
    return { service: second, region: first };
  }
  return { service: first, region: second ?? "" };
}

// IoT has one host family with several signing names.
function iotService(url: URL): string {
  if (url.hostname.startsWith("iot.")) return "execute-api"; // the control plane
  if (url.hostname.startsWith("data.jobs.iot.")) return "iot-jobs-data";
  // The data plane: MQTT over WebSocket signs as the device gateway.
  return url.pathname === "/mqtt" ? "iotdevicegateway" : "iotdata";
}

// Application Auto Scaling and Auto Scaling plans share the autoscaling host and differ
// only in the JSON protocol's X-Amz-Target prefix.
function autoscalingService(headers: Headers): string {
  const targetPrefix = (headers.get("x-amz-target") ?? "").split(".")[0];
  if (targetPrefix === "AnyScaleFrontendService") return "application-autoscaling";
  if (targetPrefix === "AnyScaleScalingPlannerFrontendService") return "autoscaling-plans";
  return "autoscaling";
}

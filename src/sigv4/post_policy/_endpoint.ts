import { uriEncode } from "../../_shared/uri_encode.ts";
import { PostPolicyError } from "./errors.ts";

/** Where a POST form goes: the options of {@linkcode postUrl}. */
export interface PostUrlOptions {
  bucket: string;
  region: string;
  endpoint?: string | URL;
  forcePathStyle?: boolean;
  useDualstackEndpoint?: boolean;
  useAccelerateEndpoint?: boolean;
}

// A bucket name DNS can carry as one label (the AWS SDK's isVirtualHostableS3Bucket without
// sub-domains): 3 to 63 lowercase letters, digits and hyphens, not starting or ending with
// a hyphen. Anything else (dots, capitals, underscores of legacy names) is addressed by path.
const VIRTUAL_HOSTABLE = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
// Every bucket name S3 ever allowed: today's rules, and the legacy us-east-1 names with
// capitals and underscores, up to 255 characters.
const BUCKET_NAME = /^[A-Za-z0-9._-]{1,255}$/;
const IPV4 =
  /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;

// The DNS suffix of each AWS partition, by the region patterns of the AWS SDK's partition
// table; a region matching none belongs to the `aws` partition, as in the SDK.
const PARTITIONS: [RegExp, string][] = [
  [/^cn-\w+-\d+$/, "amazonaws.com.cn"],
  [/^eusc-(de)-\w+-\d+$/, "amazonaws.eu"],
  [/^us-iso-\w+-\d+$/, "c2s.ic.gov"],
  [/^us-isob-\w+-\d+$/, "sc2s.sgov.gov"],
  [/^eu-isoe-\w+-\d+$/, "cloud.adc-e.uk"],
  [/^us-isof-\w+-\d+$/, "csp.hci.ic.gov"],
];

function dnsSuffix(region: string): string {
  return PARTITIONS.find(([pattern]) => pattern.test(region))?.[1] ?? "amazonaws.com";
}

/** Throws {@linkcode PostPolicyError} unless `bucket` can name an S3 bucket a form posts to. */
export function checkBucket(bucket: unknown): string {
  if (typeof bucket !== "string" || bucket === "") {
    throw new PostPolicyError("bucket must be a non-empty bucket name.");
  }
  if (bucket.startsWith("arn:")) {
    throw new PostPolicyError(
      "bucket is an ARN: presignPost signs for bucket names; pass an access point's alias as the bucket.",
    );
  }
  if (!BUCKET_NAME.test(bucket)) {
    throw new PostPolicyError(
      "bucket must be an S3 bucket name: letters, digits, '.', '-' and '_' only.",
    );
  }
  if (bucket.endsWith("--x-s3")) {
    throw new PostPolicyError(
      "bucket is an S3 Express directory bucket, which signs with session credentials: not supported.",
    );
  }
  // S3's naming rules reserve the prefix, and no URL parser takes it as a host label.
  if (bucket.startsWith("xn--")) {
    throw new PostPolicyError("bucket names cannot start with 'xn--'.");
  }
  return bucket;
}

function customEndpoint(endpoint: string | URL): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new PostPolicyError("endpoint is not a URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PostPolicyError(`endpoint must be an http or https URL, got ${url.protocol}.`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new PostPolicyError("endpoint must not carry a query, a fragment or credentials.");
  }
  return url;
}

function formatted(text: string): string {
  const url = new URL(text);
  return url.protocol + "//" + url.host + url.pathname;
}

/**
 * The URL a POST form is sent to, as the AWS SDK's S3 endpoint rules make it for
 * `PutObject`: `https://<bucket>.s3.<region>.<dns suffix>/` (virtual-hosted) when the bucket
 * name is one DNS label and path style is not forced, else `https://s3.<region>.<dns
 * suffix>/<bucket>`; `s3.dualstack.<region>` or `s3-accelerate` when asked. A custom
 * endpoint keeps its own path: `<scheme>://<bucket>.<host><path>` (over http, a dotted bucket
 * too when each label could be one), or by path when the host is an IP address or the bucket
 * is not a DNS name.
 */
export function postUrl(options: PostUrlOptions): string {
  const { bucket, region } = options;
  const virtual = !options.forcePathStyle && VIRTUAL_HOSTABLE.test(bucket);
  if (options.endpoint !== undefined) {
    if (options.useDualstackEndpoint || options.useAccelerateEndpoint) {
      throw new PostPolicyError(
        "A custom endpoint cannot be combined with dual-stack or S3 Accelerate.",
      );
    }
    const base = customEndpoint(options.endpoint);
    const { protocol, host, hostname, pathname } = base;
    const isIp = IPV4.test(hostname) || hostname.startsWith("[");
    // Over plain http no certificate has to cover the name, so the SDK also puts a dotted
    // bucket in the host when each of its labels could be one. Before an IP address that
    // makes no URL (the SDK throws "Invalid URL"): such a bucket goes in the path.
    const dottedOverHttp = !options.forcePathStyle && protocol === "http:" &&
      bucket.split(".").every((label) => VIRTUAL_HOSTABLE.test(label));
    if ((virtual || dottedOverHttp) && !isIp) {
      return formatted(`${protocol}//${bucket}.${host}${pathname}`);
    }
    const directory = pathname.endsWith("/") ? pathname : pathname + "/";
    return formatted(`${protocol}//${host}${directory}${uriEncode(bucket)}`);
  }
  const suffix = dnsSuffix(region);
  const dualstack = options.useDualstackEndpoint ? ".dualstack" : "";
  if (options.useAccelerateEndpoint) {
    if (!virtual) {
      throw new PostPolicyError(
        "Path-style addressing cannot be used with S3 Accelerate: the bucket name must be one DNS label.",
      );
    }
    // The SDK's endpoint rules refuse Accelerate in the China partition only.
    if (suffix === "amazonaws.com.cn") {
      throw new PostPolicyError(`S3 Accelerate cannot be used in region ${region}.`);
    }
    return `https://${bucket}.s3-accelerate${dualstack}.${suffix}/`;
  }
  const service = `s3${dualstack}.${region}.${suffix}`;
  return virtual ? `https://${bucket}.${service}/` : `https://${service}/${uriEncode(bucket)}`;
}

import { CloudFrontSignerError } from "./errors.ts";

/** A date as the AWS SDK takes it: a `Date`, or what `new Date()` reads (ISO text, epoch ms). */
export type DateInput = string | number | Date;

/** A policy to sign: its JSON, whether it is custom, and a canned policy's `Expires`. */
export interface PolicyToSign {
  readonly policy: string;
  readonly custom: boolean;
  readonly expires?: number;
}

/** Epoch seconds of `value` (rounded, as the SDK does), or `undefined` when absent. */
function epochSeconds(value: unknown, name: string): number | undefined {
  if (!value) return undefined; // the SDK treats "", 0 and a missing value alike
  const time = new Date(value as DateInput).getTime();
  if (Number.isNaN(time)) {
    throw new CloudFrontSignerError(
      `${name} is not a date (a Date, ISO 8601 text or epoch milliseconds).`,
    );
  }
  return Math.round(time / 1000);
}

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
const MASK = /^(?:3[0-2]|[12]\d|\d)$/;

/**
 * An IPv4 address or CIDR range as CloudFront's `AWS:SourceIp` takes it (a lone address is a
 * `/32`). CloudFront's IP condition is IPv4 only; octets with leading zeros, signs or hex,
 * which the SDK passes on, are refused here.
 */
export function sourceIp(ipAddress: unknown): string {
  const parts = typeof ipAddress === "string" ? ipAddress.split("/") : [];
  const octets = parts[0]?.split(".") ?? [];
  if (
    parts.length < 1 || parts.length > 2 || octets.length !== 4 ||
    !octets.every((octet) => OCTET.test(octet)) || (parts.length === 2 && !MASK.test(parts[1]))
  ) {
    throw new CloudFrontSignerError(
      `ipAddress must be an IPv4 address or CIDR range such as 192.0.2.0/24, got ${
        JSON.stringify(String(ipAddress).slice(0, 60))
      }.`,
    );
  }
  return parts.length === 2 ? ipAddress as string : `${ipAddress}/32`;
}

function checkFuture(epoch: number, name: string, now: number): void {
  if (epoch * 1000 <= now) {
    throw new CloudFrontSignerError(
      `${name} is in the past: a URL or cookie signed until then never works.`,
    );
  }
}

/**
 * The policy for `resource` until `dateLessThan`: canned (`Expires` in the URL) when nothing
 * else is asked, custom with `DateGreaterThan` and/or `IpAddress` otherwise, written exactly
 * as `@aws-sdk/cloudfront-signer` writes it.
 */
export function policyFromParameters(options: {
  resource: string;
  dateLessThan?: unknown;
  dateGreaterThan?: unknown;
  ipAddress?: unknown;
}): PolicyToSign {
  const lessThan = epochSeconds(options.dateLessThan, "dateLessThan");
  if (lessThan === undefined) {
    throw new CloudFrontSignerError("dateLessThan is required without a policy.");
  }
  checkFuture(lessThan, "dateLessThan", Date.now());
  const greaterThan = epochSeconds(options.dateGreaterThan, "dateGreaterThan");
  if (greaterThan !== undefined && greaterThan >= lessThan) {
    throw new CloudFrontSignerError(
      "dateGreaterThan is not before dateLessThan: no request could match.",
    );
  }
  const condition: Record<string, unknown> = { DateLessThan: { "AWS:EpochTime": lessThan } };
  if (greaterThan) condition.DateGreaterThan = { "AWS:EpochTime": greaterThan };
  if (options.ipAddress) condition.IpAddress = { "AWS:SourceIp": sourceIp(options.ipAddress) };
  const policy = JSON.stringify({
    Statement: [{ Resource: options.resource, Condition: condition }],
  });
  const custom = Boolean(greaterThan) || Boolean(options.ipAddress);
  return custom ? { policy, custom } : { policy, custom, expires: lessThan };
}

/**
 * Checks a caller's custom policy as CloudFront reads it ("Creating a policy statement for a
 * signed URL that uses a custom policy"): JSON with exactly one statement, whose
 * `DateLessThan` is a future epoch time, and whose other conditions are well-formed. Returns
 * the statement's `Resource`, if any.
 */
export function checkCustomPolicy(policy: unknown): string | undefined {
  let document: { Statement?: unknown };
  try {
    document = JSON.parse(policy as string);
  } catch {
    throw new CloudFrontSignerError("policy is not JSON.");
  }
  const statements = document?.Statement;
  if (!Array.isArray(statements) || statements.length !== 1) {
    throw new CloudFrontSignerError(
      "policy must have a Statement array with exactly one statement.",
    );
  }
  const { Resource, Condition } = statements[0] ?? {};
  const epoch = (value: unknown) =>
    (value as Record<string, unknown> | undefined)?.["AWS:EpochTime"];
  const lessThan = epoch(Condition?.DateLessThan);
  if (!Number.isSafeInteger(lessThan)) {
    throw new CloudFrontSignerError(
      'policy needs Condition.DateLessThan {"AWS:EpochTime": <seconds>}.',
    );
  }
  checkFuture(lessThan as number, "The policy's DateLessThan", Date.now());
  if (
    Condition.DateGreaterThan !== undefined &&
    !Number.isSafeInteger(epoch(Condition.DateGreaterThan))
  ) {
    throw new CloudFrontSignerError(
      'policy\'s DateGreaterThan must be {"AWS:EpochTime": <seconds>}.',
    );
  }
  if (Condition.IpAddress !== undefined) sourceIp(Condition.IpAddress?.["AWS:SourceIp"]);
  if (Resource !== undefined && typeof Resource !== "string") {
    throw new CloudFrontSignerError("policy's Resource must be a URL string.");
  }
  return Resource;
}

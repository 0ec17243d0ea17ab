import { CloudFrontSignerError } from "./errors.ts";
import type { CloudfrontSignInput } from "./types.ts";

/** Throws unless `input` is an options object; returns it typed. */
export function checkInput(input: unknown, what: string): CloudfrontSignInput {
  if (input === null || typeof input !== "object") {
    throw new CloudFrontSignerError(
      `${what} needs options { url, keyPairId, privateKey, dateLessThan } or a policy.`,
    );
  }
  const { policy, dateLessThan, dateGreaterThan, ipAddress } = input as Record<string, unknown>;
  if (policy !== undefined && (dateLessThan ?? dateGreaterThan ?? ipAddress) !== undefined) {
    throw new CloudFrontSignerError(
      "Pass either a policy or dateLessThan / dateGreaterThan / ipAddress, not both.",
    );
  }
  if (policy !== undefined && typeof policy !== "string") {
    throw new CloudFrontSignerError("policy must be JSON text.");
  }
  return input as CloudfrontSignInput;
}

import { SigningInputError } from "../../sigv4/errors.ts";
import { checkScopeName } from "../../sigv4/scope_name.ts";
import type { Platform } from "../../credentials/platform/types.ts";

/** Where {@linkcode keyspacesRegion} looks for the region. */
export interface KeyspacesRegionSource {
  /** The region given explicitly; wins over the environment. */
  region?: string;
  /** Where `AWS_DEFAULT_REGION` and `AWS_REGION` are read; without one, only `region` counts. */
  platform?: Platform;
}

/**
 * The region of the Keyspaces signature: `region`, else `AWS_DEFAULT_REGION` (as the Python
 * plugin reads), else `AWS_REGION` (as the Node.js plugin reads). Throws
 * {@linkcode SigningInputError} when there is none or it is not a region name.
 */
export function keyspacesRegion(source: KeyspacesRegionSource): string {
  const region = source.region ?? nonEmpty(source.platform?.env("AWS_DEFAULT_REGION")) ??
    nonEmpty(source.platform?.env("AWS_REGION"));
  if (region === undefined) {
    throw new SigningInputError(
      "No region for Amazon Keyspaces: pass `region` (the region of the cassandra.<region>.amazonaws.com endpoint) or set AWS_DEFAULT_REGION or AWS_REGION.",
    );
  }
  return checkScopeName("region", region);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

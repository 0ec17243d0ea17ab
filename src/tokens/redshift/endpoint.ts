/**
 * The default endpoint of a regional AWS service `service` (`redshift`,
 * `redshift-serverless`): `https://<service>.<region>.amazonaws.com/`, `.amazonaws.com.cn` in
 * China. An endpoint given in code or configured replaces it (see the clients).
 *
 * @example
 * ```ts
 * import { redshiftEndpoint } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(redshiftEndpoint("redshift", "cn-north-1").host, "redshift.cn-north-1.amazonaws.com.cn");
 * ```
 */
export function redshiftEndpoint(
  service: "redshift" | "redshift-serverless",
  region: string,
): URL {
  if (!/^[a-z0-9-]{1,64}$/.test(region)) {
    throw new TypeError(`Not an AWS region: ${JSON.stringify(region)}.`);
  }
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return new URL(`https://${service}.${region}.${suffix}/`);
}

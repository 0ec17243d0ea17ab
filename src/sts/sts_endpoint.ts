/**
 * The STS endpoint for `region`: regional by default (`https://sts.<region>.amazonaws.com`,
 * `.amazonaws.com.cn` in China), as AWS SDK v3 and botocore do since they deprecated the
 * global endpoint; `aws-global` names the global one. A custom endpoint wins.
 */
export function stsEndpoint(region: string, endpoint?: string | URL): URL {
  if (endpoint !== undefined) return new URL(endpoint);
  if (region === "aws-global") return new URL("https://sts.amazonaws.com/");
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return new URL(`https://sts.${region}.${suffix}/`);
}

/**
 * The default STS endpoint for `region`: regional (`https://sts.<region>.amazonaws.com`,
 * `.amazonaws.com.cn` in China), as AWS SDK v3 and botocore do since they deprecated the
 * global endpoint; `aws-global` names the global one. An endpoint given in code or
 * configured (`AWS_ENDPOINT_URL_STS`, …) replaces it: see `StsClient`.
 */
export function stsEndpoint(region: string): URL {
  if (region === "aws-global") return new URL("https://sts.amazonaws.com/");
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return new URL(`https://sts.${region}.${suffix}/`);
}

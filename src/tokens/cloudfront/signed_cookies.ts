import { checkCustomPolicy, policyFromParameters, type PolicyToSign } from "./_policy.ts";
import { checkInput } from "./_input.ts";
import { signatureParts } from "./_sign.ts";
import { resourceOf } from "./_url.ts";
import { CloudFrontSignerError } from "./errors.ts";
import type { CloudfrontSignedCookiesOutput, CloudfrontSignInput } from "./types.ts";

/**
 * The signed cookies that give a browser access to CloudFront content: `CloudFront-Expires`
 * (canned policy) or `CloudFront-Policy` (custom: `dateGreaterThan`, `ipAddress`, or your own
 * `policy`, e.g. for `https://d111111abcdef8.cloudfront.net/videos/*`), `CloudFront-Signature`
 * and `CloudFront-Key-Pair-Id` (and `CloudFront-Hash-Algorithm` for SHA-256).
 * `@aws-sdk/cloudfront-signer`'s `getSignedCookies` with the same options and answer, on
 * WebCrypto; a promise, since WebCrypto signs asynchronously.
 *
 * Throws {@linkcode CloudFrontSignerError} as {@linkcode getSignedUrl} does.
 *
 * @example
 * ```ts
 * import { getSignedCookies } from "@iamfetch/iamfetch/tokens";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const keys = await crypto.subtle.generateKey(
 *   { name: "ECDSA", namedCurve: "P-256" },
 *   false,
 *   ["sign", "verify"],
 * );
 * const cookies = await getSignedCookies({
 *   url: "https://d111111abcdef8.cloudfront.net/videos/*",
 *   keyPairId: "K2JCJMDEHXQW5F",
 *   privateKey: keys.privateKey,
 *   dateLessThan: "2030-01-01T00:00:00Z",
 *   dateGreaterThan: "2029-12-31T00:00:00Z",
 * });
 * assertEquals(cookies["CloudFront-Key-Pair-Id"], "K2JCJMDEHXQW5F");
 * assert(cookies["CloudFront-Policy"]); // a custom policy: it has a start date
 * // Set-Cookie: CloudFront-Policy=…; Domain=d111111abcdef8.cloudfront.net; Path=/; Secure; HttpOnly
 * ```
 */
export async function getSignedCookies(
  input: CloudfrontSignInput,
): Promise<CloudfrontSignedCookiesOutput> {
  const options = checkInput(input, "getSignedCookies");
  let toSign: PolicyToSign;
  if (options.policy) {
    checkCustomPolicy(options.policy);
    toSign = { policy: options.policy, custom: true };
  } else if (options.url) {
    toSign = policyFromParameters({ ...options, resource: resourceOf(options.url) });
  } else throw new CloudFrontSignerError("getSignedCookies needs a url or a policy.");
  const parts = await signatureParts(options, toSign);
  return {
    "CloudFront-Key-Pair-Id": parts["Key-Pair-Id"],
    "CloudFront-Signature": parts.Signature,
    ...(parts.Expires ? { "CloudFront-Expires": parts.Expires } : {}),
    ...(parts.Policy ? { "CloudFront-Policy": parts.Policy } : {}),
    ...(parts["Hash-Algorithm"] ? { "CloudFront-Hash-Algorithm": parts["Hash-Algorithm"] } : {}),
  };
}

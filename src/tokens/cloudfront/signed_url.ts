import { checkCustomPolicy, policyFromParameters, type PolicyToSign } from "./_policy.ts";
import { signatureParts } from "./_sign.ts";
import { checkNoSignatureParameters, encodeUrlPath, extendedEncode, resourceOf } from "./_url.ts";
import { checkInput } from "./_input.ts";
import { CloudFrontSignerError } from "./errors.ts";
import type { CloudfrontSignInput } from "./types.ts";

/**
 * Signs a CloudFront URL with a canned policy (`Expires`) or a custom one (`Policy`: a
 * `dateGreaterThan`, an `ipAddress`, or your own `policy` with wildcard resources), adding
 * `Signature` and `Key-Pair-Id` (and `Hash-Algorithm=SHA256` for SHA-256) to the URL.
 * `@aws-sdk/cloudfront-signer`'s `getSignedUrl` with the same options and the same answer,
 * byte for byte, on WebCrypto instead of `node:crypto` — so it runs in Workers and browsers
 * too. Unlike the SDK's, it returns a promise: WebCrypto signs asynchronously.
 *
 * Throws {@linkcode CloudFrontSignerError} for a key that is not an RSA 2048 or ECDSA P-256
 * PEM (or CryptoKey), a `dateLessThan` in the past, an invalid IP range, a URL that already
 * has a `Signature`, `Expires`, `Policy`, `Key-Pair-Id` or `Hash-Algorithm` parameter.
 *
 * @example
 * ```ts
 * import { getSignedUrl } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * // A throwaway key for the example; use your CloudFront key group's private key.
 * const keys = await crypto.subtle.generateKey(
 *   { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-1" },
 *   false,
 *   ["sign", "verify"],
 * );
 * const signed = new URL(await getSignedUrl({
 *   url: "https://d111111abcdef8.cloudfront.net/private/report.pdf",
 *   keyPairId: "K2JCJMDEHXQW5F",
 *   privateKey: keys.privateKey, // or the PEM text
 *   dateLessThan: "2030-01-01T00:00:00Z",
 * }));
 * assertEquals(signed.searchParams.get("Expires"), "1893456000");
 * assertEquals(signed.searchParams.get("Key-Pair-Id"), "K2JCJMDEHXQW5F");
 * ```
 */
export async function getSignedUrl(input: CloudfrontSignInput): Promise<string> {
  const options = checkInput(input, "getSignedUrl");
  const { url, policy } = options;
  const resource = policy ? checkCustomPolicy(policy) : undefined;
  let baseUrl: string;
  if (url) baseUrl = encodeUrlPath(url);
  else if (resource) baseUrl = resource.replace("*://", "https://"); // as the SDK reads it
  else if (policy) {
    throw new CloudFrontSignerError(
      "Give a url: the policy's statement names no Resource to sign.",
    );
  } else throw new CloudFrontSignerError("getSignedUrl needs a url or a policy.");
  checkNoSignatureParameters(baseUrl);
  const toSign: PolicyToSign = policy
    ? { policy, custom: true }
    : policyFromParameters({ ...options, resource: resourceOf(baseUrl) });
  const parts = await signatureParts(options, toSign);
  const query = Object.entries(parts)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${extendedEncode(name)}=${extendedEncode(String(value))}`)
    .join("&");
  return resourceOf(baseUrl + (baseUrl.includes("?") ? "&" : "?") + query);
}

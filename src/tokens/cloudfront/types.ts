/**
 * The hash CloudFront verifies the signature with: `SHA1` (the default) or `SHA256`, which
 * adds `Hash-Algorithm=SHA256` to the URL (or the `CloudFront-Hash-Algorithm` cookie).
 *
 * @example
 * ```ts
 * import type { CloudfrontSignerAlgorithm } from "@iamfetch/iamfetch/tokens";
 *
 * const algorithm: CloudfrontSignerAlgorithm = "SHA256";
 * if (algorithm !== "SHA256") throw new Error("unreachable");
 * ```
 */
export type CloudfrontSignerAlgorithm = "SHA1" | "SHA256";

/**
 * Who signs: the key group's public key id and its private key, as
 * `@aws-sdk/cloudfront-signer` takes them.
 *
 * @example
 * ```ts
 * import type { CloudfrontSignerCredentials } from "@iamfetch/iamfetch/tokens";
 *
 * function signer(pem: string): CloudfrontSignerCredentials {
 *   return { keyPairId: "K2JCJMDEHXQW5F", privateKey: pem };
 * }
 * if (signer("…").keyPairId !== "K2JCJMDEHXQW5F") throw new Error("unreachable");
 * ```
 */
export interface CloudfrontSignerCredentials {
  /** The id of the public key in the distribution's trusted key group (or a legacy key pair). */
  keyPairId: string;
  /**
   * The private key: PEM text (`-----BEGIN RSA PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----`
   * or `-----BEGIN EC PRIVATE KEY-----` for P-256), its UTF-8 bytes, or a WebCrypto
   * `CryptoKey` (RSASSA-PKCS1-v1_5 with the matching hash, or ECDSA P-256).
   */
  privateKey: string | Uint8Array | CryptoKey;
  /**
   * Accepted for `@aws-sdk/cloudfront-signer` compatibility; an encrypted key is refused
   * (WebCrypto cannot decrypt PEM), so leave keys unencrypted and keep them secret.
   */
  passphrase?: string;
  /** The signature's hash; defaults to `SHA1`. */
  algorithm?: CloudfrontSignerAlgorithm;
}

/**
 * A canned (only `dateLessThan`) or custom (with `dateGreaterThan` or `ipAddress`) policy
 * built from parameters.
 *
 * @example
 * ```ts
 * import type { CloudfrontSignInputWithParameters } from "@iamfetch/iamfetch/tokens";
 *
 * function input(privateKey: string): CloudfrontSignInputWithParameters {
 *   return {
 *     url: "https://d111111abcdef8.cloudfront.net/private/report.pdf",
 *     keyPairId: "K2JCJMDEHXQW5F",
 *     privateKey,
 *     dateLessThan: "2030-01-01T00:00:00Z",
 *     ipAddress: "192.0.2.0/24",
 *   };
 * }
 * if (input("…").ipAddress !== "192.0.2.0/24") throw new Error("unreachable");
 * ```
 */
export type CloudfrontSignInputWithParameters = CloudfrontSignerCredentials & {
  /** The URL to sign (for cookies: the resource, wildcards allowed, e.g. `https://d111111abcdef8.cloudfront.net/*`). */
  url: string;
  /** When access ends: a `Date`, ISO 8601 text or epoch milliseconds. */
  dateLessThan: string | number | Date;
  /** When access starts; makes the policy custom. */
  dateGreaterThan?: string | number | Date;
  /** The IPv4 address or CIDR range allowed; makes the policy custom. */
  ipAddress?: string;
  /** Not with parameters. */
  policy?: never;
};

/**
 * A custom policy written by the caller (JSON text), e.g. for wildcard resources.
 *
 * @example
 * ```ts
 * import type { CloudfrontSignInputWithPolicy } from "@iamfetch/iamfetch/tokens";
 *
 * const policy = JSON.stringify({
 *   Statement: [{
 *     Resource: "https://d111111abcdef8.cloudfront.net/videos/*",
 *     Condition: { DateLessThan: { "AWS:EpochTime": 1893456000 } },
 *   }],
 * });
 * function input(privateKey: string): CloudfrontSignInputWithPolicy {
 *   return { keyPairId: "K2JCJMDEHXQW5F", privateKey, policy };
 * }
 * if (input("…").policy !== policy) throw new Error("unreachable");
 * ```
 */
export type CloudfrontSignInputWithPolicy = CloudfrontSignerCredentials & {
  /** The URL to sign; by default the policy's first `Resource` (`*://` read as `https://`). Cookies ignore it. */
  url?: string;
  /** The policy, as JSON text. */
  policy: string;
  /** Not with a policy. */
  dateLessThan?: never;
  /** Not with a policy. */
  dateGreaterThan?: never;
  /** Not with a policy. */
  ipAddress?: never;
};

/**
 * What {@linkcode getSignedUrl} and {@linkcode getSignedCookies} take, named and shaped as
 * `@aws-sdk/cloudfront-signer`'s input.
 *
 * @example
 * ```ts
 * import type { CloudfrontSignInput } from "@iamfetch/iamfetch/tokens";
 *
 * function canned(privateKey: string): CloudfrontSignInput {
 *   return {
 *     url: "https://d111111abcdef8.cloudfront.net/image.jpg",
 *     keyPairId: "K2JCJMDEHXQW5F",
 *     privateKey,
 *     dateLessThan: new Date("2030-01-01T00:00:00Z"),
 *   };
 * }
 * if (canned("…").keyPairId !== "K2JCJMDEHXQW5F") throw new Error("unreachable");
 * ```
 */
export type CloudfrontSignInput = CloudfrontSignInputWithParameters | CloudfrontSignInputWithPolicy;

/**
 * The signed cookies, named as CloudFront reads them; set each with `Domain`, `Path`,
 * `Secure` and `HttpOnly` for the distribution.
 *
 * @example
 * ```ts
 * import type { CloudfrontSignedCookiesOutput } from "@iamfetch/iamfetch/tokens";
 *
 * function setCookie(cookies: CloudfrontSignedCookiesOutput): string[] {
 *   return Object.entries(cookies).map(([name, value]) =>
 *     `${name}=${value}; Domain=d111111abcdef8.cloudfront.net; Path=/; Secure; HttpOnly`
 *   );
 * }
 * ```
 */
export interface CloudfrontSignedCookiesOutput {
  /** The public key id. */
  "CloudFront-Key-Pair-Id": string;
  /** The policy's signature, in CloudFront's URL-safe base64. */
  "CloudFront-Signature": string;
  /** A canned policy's end, in epoch seconds. */
  "CloudFront-Expires"?: number;
  /** A custom policy, in CloudFront's URL-safe base64. */
  "CloudFront-Policy"?: string;
  /** `SHA256` when the signature's hash is SHA-256. */
  "CloudFront-Hash-Algorithm"?: string;
}

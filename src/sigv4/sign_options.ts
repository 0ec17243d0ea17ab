/**
 * Options of `SigV4Signer.prototype.sign`.
 */
export interface SignOptions {
  /** The signing time; defaults to now. */
  date?: Date;
  /**
   * Sign `UNSIGNED-PAYLOAD` instead of the body's hash (sent as `x-amz-content-sha256`),
   * so a streamed body is neither read nor buffered.
   */
  unsignedPayload?: boolean;
  /**
   * Sign only these headers (case-insensitive) besides `host` and the `x-amz-*` headers,
   * which are always signed. By default every header is signed except those proxies
   * rewrite (`user-agent`, `expect`, `x-amzn-trace-id`, …), as the AWS SDKs do.
   */
  signedHeaders?: Iterable<string>;
}

/**
 * Options of `SigV4Signer.prototype.presign`.
 */
export interface PresignOptions {
  /** The signing time; defaults to now. */
  date?: Date;
  /** Seconds the URL stays valid: an integer from 1 to 604800 (7 days). Defaults to 900. */
  expiresIn?: number;
}

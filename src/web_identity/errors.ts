import { IamfetchError } from "../_shared/iamfetch_error.ts";

/**
 * An OpenID Connect token could not be obtained for web-identity federation: the token
 * endpoint refused the request (wrong key or client secret, unknown audience), answered
 * something that is not a token, or the service-account key is not usable. `source` names
 * the token source (`google`, `oidc`) and `status` is the endpoint's HTTP status when there
 * was one. Messages never contain a private key, client secret, assertion or token.
 *
 * @example
 * ```ts
 * import { IdentityTokenError } from "@iamfetch/iamfetch/web_identity";
 * import { assert } from "@std/assert";
 *
 * const error = new IdentityTokenError("google", "The token endpoint refused the JWT.", { status: 400 });
 * assert(error.name === "IdentityTokenError" && error.status === 400);
 * ```
 */
export class IdentityTokenError extends IamfetchError {
  /** The token source that failed, e.g. `google` or `oidc`. */
  readonly source: string;
  /** The token endpoint's HTTP status, when the failure was an HTTP answer. */
  readonly status?: number;

  /** Creates the error; `message` must not contain a key, secret or token. */
  constructor(source: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "IdentityTokenError";
    this.source = source;
    if (options.status !== undefined) this.status = options.status;
  }
}

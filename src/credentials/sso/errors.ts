import { CredentialsError } from "../../sigv4/errors.ts";
import { CredentialsProviderError } from "../errors.ts";

/**
 * Thrown when an IAM Identity Center login does not complete: the user denied the device
 * (`AccessDeniedException`), the device code expired before approval
 * (`ExpiredTokenException`), or the OIDC service refused or answered something unusable.
 * `code` is the OIDC error code (or `InvalidResponse`); the message never holds a token,
 * device code or client secret.
 *
 * @example
 * ```ts
 * import { SsoLoginError } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const error = new SsoLoginError("ExpiredTokenException", "The device code expired: run the login again.");
 * assert(error.name === "SsoLoginError" && error.code === "ExpiredTokenException");
 * ```
 */
export class SsoLoginError extends CredentialsError {
  /** The OIDC error code, e.g. `AccessDeniedException`, or `InvalidResponse`. */
  readonly code: string;

  /** Creates the error; `message` must not contain secret values. */
  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.name = "SsoLoginError";
    this.code = code;
  }
}

/**
 * Thrown by {@linkcode fromSso} (and `ssoAccessToken`) when there is no cached IAM Identity
 * Center token that is still valid and it cannot be refreshed: the user has to log in again
 * (`aws sso login` or `ssoLogin`). It stops a provider chain (`tryNextLink` is `false`), as
 * AWS SDK v3's SSO provider does.
 *
 * @example
 * ```ts
 * import { SsoSessionExpiredError } from "@iamfetch/iamfetch/credentials";
 * import { assert } from "@std/assert";
 *
 * const error = new SsoSessionExpiredError("my-sso");
 * assert(error.tryNextLink === false && error.message.includes("my-sso"));
 * ```
 */
export class SsoSessionExpiredError extends CredentialsProviderError {
  /** The `sso-session` name, or the start URL of a legacy profile. */
  readonly session: string;

  /** Creates the error for the session (or start URL) `session`. */
  constructor(session: string, options: { cause?: unknown } = {}) {
    super(
      `The IAM Identity Center session ${session} has no valid cached token and it could not ` +
        'be refreshed: log in again ("aws sso login" or iamfetch login --sso).',
      { tryNextLink: false, ...options },
    );
    this.name = "SsoSessionExpiredError";
    this.session = session;
  }
}

/**
 * The error answers of the fake OIE org, taken from Okta's "OAuth 2.0 error codes"
 * reference (okta-developer-docs `data/oauth2-error-codes.json`: status, `error`, and the
 * `error_description` text by internal code) and its management API error shape
 * (`errorCode`, `errorSummary`, `errorLink`, `errorId`, `errorCauses`).
 *
 * @module
 */

/** An HTTP answer: status and JSON body. */
export interface FakeAnswer {
  /** The HTTP status. */
  readonly status: 200 | 400 | 401 | 403 | 404;
  /** The JSON body. */
  readonly body: Record<string, unknown>;
}

const OAUTH: Record<string, readonly [FakeAnswer["status"], string, string]> = {
  authorization_pending: [
    400,
    "authorization_pending",
    "The device authorization is pending. Please try again later.",
  ],
  direct_auth_authorization_pending: [
    400,
    "authorization_pending",
    "No user response received on the out-of-band authenticator yet. Continue polling to " +
    "wait for a response.",
  ],
  slow_down: [400, "slow_down", "Slow down the polling frequency. Please try again later."],
  expired_token: [400, "expired_token", "The device code has expired."],
  access_denied: [
    403,
    "access_denied",
    "The resource owner or authorization server denied the request.",
  ],
  invalid_device_code: [400, "invalid_grant", "The device code is invalid or has expired."],
  invalid_password_credentials: [400, "invalid_grant", "The credentials provided were invalid."],
  mfa_required: [
    403,
    "mfa_required",
    "Verify with an additional authenticator to complete the sign-in process.",
  ],
  direct_auth_invalid_otp: [
    400,
    "invalid_grant",
    "The 'otp' provided is either empty or incorrect. Use the correct OTP and try again.",
  ],
  direct_auth_oob_reject: [
    400,
    "invalid_grant",
    "User rejected out-of-band authentication prompt.",
  ],
  direct_auth_expired_token: [
    403,
    "access_denied",
    "'mfa_token' has expired. Use a new 'mfa_token' and try again.",
  ],
  direct_auth_factor_enrollment_required: [
    403,
    "access_denied",
    "The required authenticator cannot be used. Check if it is required by policy and the " +
    "user is enrolled in the authenticator and try again.",
  ],
  direct_auth_oob_code_not_for_mfa_token: [
    400,
    "invalid_request",
    "The 'oob_code' and the 'mfa_token' provided are not associated with each other. Review " +
    "the values and try again.",
  ],
  invalid_client_id: [401, "invalid_client", "Invalid value for 'client_id' parameter."],
  invalid_scope: [
    400,
    "invalid_scope",
    "The requested scope is invalid, unknown, malformed, or exceeds the scope granted by " +
    "the resource owner.",
  ],
  user_not_assigned: [400, "access_denied", "User is not assigned to the client application."],
  web_sso_token_exchange_request_requires_scope: [
    400,
    "invalid_grant",
    "The 'actor_token' must have the 'okta.apps.sso' scope to request a 'web_sso_token'.",
  ],
  web_sso_subject_token_client_mismatch: [
    400,
    "invalid_grant",
    "The 'subject_token' must be issued to the client making the request.",
  ],
  web_sso_actor_token_wrong_audience: [
    400,
    "invalid_grant",
    "The 'actor_token' must be issued to the client making the request.",
  ],
  web_sso_client_not_permitted: [
    400,
    "invalid_grant",
    "The target audience app must be configured to allow the client to request a " +
    "'web_sso_token'.",
  ],
  token_exchange_subject_token_expired: [
    400,
    "invalid_grant",
    "The 'subject_token' either expired or the session associated with it was terminated.",
  ],
  token_exchange_invalid_audience: [
    400,
    "invalid_target",
    "Token Exchange requests must include a valid audience of the authorization server.",
  ],
  web_sso_token_invalid: [401, "invalid_token", "The 'web_sso_token' is invalid."],
  web_sso_token_replayed: [
    400,
    "web_sso_token_replayed",
    "The 'web_sso_token' was already consumed.",
  ],
  client_assertion_type_invalid: [400, "invalid_request", "The client_assertion_type is invalid."],
  client_assertion_invalid_issuer: [
    401,
    "invalid_client",
    "The issuer claim for client_assertion is not a valid client_id.",
  ],
  client_assertion_invalid_subject: [
    401,
    "invalid_client",
    "The subject claim for client_assertion is not a valid client_id.",
  ],
  client_assertion_invalid_audience: [
    401,
    "invalid_client",
    "The audience claim for client_assertion must be the endpoint invoked for the request.",
  ],
  client_assertion_expiration_required: [
    401,
    "invalid_client",
    "The client_assertion must contain the 'exp' claim as seconds since epoch.",
  ],
  client_assertion_expired_token: [401, "invalid_client", "The client_assertion token is expired."],
  client_assertion_expires_too_far_in_future: [
    401,
    "invalid_client",
    "The client_assertion token has an expiration too far into the future.",
  ],
  client_assertion_issued_at_in_future: [
    401,
    "invalid_client",
    "The client_assertion token must be issued before the current time.",
  ],
  client_assertion_already_used: [
    401,
    "invalid_client",
    "The client_assertion token has already been used.",
  ],
  client_assertion_invalid_signature: [
    401,
    "invalid_client",
    "The client_assertion signature is invalid.",
  ],
  client_assertion_invalid_jwt: [
    401,
    "invalid_client",
    "The parsing of the client_assertion failed.",
  ],
  client_assertion_invalid_kid: [401, "invalid_client", "The client_assertion JWT kid is invalid."],
  client_assertion_invalid_signature_algorithm: [
    401,
    "invalid_client",
    "The client_assertion JWT signature algorithm is invalid.",
  ],
};

/** Every internal code the fake can answer. */
export type FakeOAuthErrorName = keyof typeof OAUTH;

/** Okta's OAuth error answer for the internal code `name`, with `extra` members. */
export function oauthError(
  name: FakeOAuthErrorName,
  extra: Record<string, unknown> = {},
): FakeAnswer {
  const [status, error, description] = OAUTH[name];
  return { status, body: { error, error_description: description, ...extra } };
}

/** `unauthorized_client`: the client lacks the grant (its configured grants listed). */
export function unauthorizedClient(grants: readonly string[]): FakeAnswer {
  return {
    status: 400,
    body: {
      error: "unauthorized_client",
      error_description: "The client is not authorized to use the provided grant type. " +
        `Configured grant types: [${grants.join(", ")}].`,
    },
  };
}

/** `unsupported_grant_type` for a grant the fake does not know. */
export function unsupportedGrant(grant: string): FakeAnswer {
  return {
    status: 400,
    body: {
      error: "unsupported_grant_type",
      error_description: `'${grant.slice(0, 100)}' grant type is not supported.`,
    },
  };
}

/** Okta's management API error (e.g. `E0000011` "Invalid token provided"). */
export function apiError(
  status: FakeAnswer["status"],
  errorCode: string,
  errorSummary: string,
): FakeAnswer {
  return {
    status,
    body: {
      errorCode,
      errorSummary,
      errorLink: errorCode,
      errorId: `oae${crypto.randomUUID().replaceAll("-", "").slice(0, 19)}`,
      errorCauses: [],
    },
  };
}

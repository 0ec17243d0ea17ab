/**
 * The tokens a person's Okta sign-in ends with (an access token and an ID token from the
 * org authorization server), read from a `/token` answer, and the grant and token type
 * names the flows use.
 *
 * @module
 */
import { missingField, type OAuthAnswer, seconds, text } from "./_oauth.ts";
import type { OktaOieStep } from "./errors.ts";

/** RFC 8628 §3.4. */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8693 §2.1. */
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
/** Okta's Direct Authentication MFA grants ("Configure Direct Authentication", MFA OOB/OTP). */
export const MFA_OOB_GRANT = "http://auth0.com/oauth/grant-type/mfa-oob";
/** The one-time-code second factor after `mfa_required`. */
export const MFA_OTP_GRANT = "http://auth0.com/oauth/grant-type/mfa-otp";

/** A signed-in user's tokens, and when the access token expires (ms since the epoch). */
export interface OktaTokens {
  /** The access token: the token exchange's actor. */
  readonly accessToken: string;
  /** The ID token: the token exchange's subject. */
  readonly idToken: string;
  /** When the access token expires. */
  readonly expiresAt: number;
}

/** The tokens of a successful `/token` answer; a missing one is an error naming `step`. */
export function tokensOf(
  step: OktaOieStep,
  url: URL,
  answer: OAuthAnswer,
  now: number,
): OktaTokens {
  const accessToken = text(answer.json?.access_token);
  if (accessToken === undefined) throw missingField(step, url, answer.status, "access_token");
  const idToken = text(answer.json?.id_token);
  if (idToken === undefined) {
    throw missingField(step, url, answer.status, "id_token (is openid in the scope?)");
  }
  // Okta's access tokens last an hour unless the policy says otherwise.
  const lifetime = seconds(answer.json?.expires_in) ?? 3600;
  return { accessToken, idToken, expiresAt: now + lifetime * 1000 };
}

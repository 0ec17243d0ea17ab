/**
 * The contract between `fromSaml` and the identity-provider adapters: an adapter is a value
 * with one job — given a `fetch` and the user's inputs, return a base64 `SAMLResponse`.
 *
 * @module
 */

/**
 * What an adapter asks the user for during multi-factor authentication.
 *
 * - `code`: a one-time code is needed (TOTP app, SMS, email, ...); answer with the code.
 * - `push`: a push notification was sent; answer nothing (the adapter polls). The callback
 *   is the place to show a spinner or "approve on your phone".
 * - `choose`: several factors are available; answer with one of `factors`.
 */
export interface MfaChallenge {
  /** What kind of answer is wanted. */
  readonly kind: "code" | "push" | "choose";
  /** The factor, in the IdP's words (Okta: `push`, `token:software:totp`, `sms`, `email`). */
  readonly factor: string;
  /** A sentence to show the user. Never holds a secret. */
  readonly message: string;
  /** With `choose`: the factors to pick from. */
  readonly factors?: readonly string[];
}

/**
 * Answers an {@linkcode MfaChallenge}: the code (for `code`), the chosen factor (for
 * `choose`), or nothing (for `push`).
 */
export type MfaPrompt = (challenge: MfaChallenge) => Promise<string | undefined>;

/**
 * An opt-in debug log for IdP traffic (Airflow's `log_idp_response`). Adapters call it with
 * lines that have passwords, codes, tokens, cookies and SAML responses already redacted.
 */
export type SamlDebugLog = (line: string) => void;

/**
 * What an adapter gets for one login.
 */
export interface SamlLoginContext {
  /**
   * The fetch to reach the IdP with. Adapters never use the global `fetch`: this one may
   * carry mutual TLS, a proxy, a cookie jar or be a test double. `fromSaml` passes a
   * `sessionFetch` (cookies, redirects, origin rules) around the user's fetch.
   */
  readonly fetch: typeof fetch;
  /** The user name at the IdP. */
  readonly username?: string;
  /** The password at the IdP; sent only to the IdP's own origin. */
  readonly password?: string;
  /** Asked when the IdP wants a second factor; without it, MFA fails with a clear error. */
  readonly mfa?: MfaPrompt;
  /** Aborts the login. */
  readonly signal?: AbortSignal;
  /** Opt-in debug log; lines are redacted. */
  readonly log?: SamlDebugLog;
}

/**
 * An identity-provider adapter: logs in with `context` and returns the base64
 * `SAMLResponse` the IdP would post to AWS.
 */
export interface SamlAdapter {
  /** A short name for errors and logs, e.g. `okta`, `adfs`. */
  readonly name: string;
  /** Performs the login and returns the base64 `SAMLResponse`. */
  getSamlResponse(context: SamlLoginContext): Promise<string>;
}

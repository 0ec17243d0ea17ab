import { SamlLoginError } from "../../errors.ts";

/**
 * The step of an Okta Identity Engine login that failed:
 *
 * - `organization`: the org is a Classic Engine org (`/.well-known/okta-organization`).
 * - `device-authorization`, `device-token`: starting the device authorization, polling it.
 * - `password`, `challenge`, `push`, `otp`, `oob-code`: Direct Authentication — the password
 *   grant, the MFA challenge, the polled push, a one-time code, an SMS or voice code.
 * - `app-list`: listing the user's AWS Account Federation apps.
 * - `token-exchange`: exchanging the tokens for a web SSO token.
 * - `saml`: `POST /login/token/sso`, which answers the SAML form.
 * - `private-key`, `client-credentials`: the m2m client's key, its token request.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { OktaOieError, type OktaOieStep } from "@iamfetch/iamfetch/saml";
 *
 * const advice = (step: OktaOieStep) =>
 *   step === "device-token" ? "approve the sign-in in the browser sooner" : "check the settings";
 * const error = new OktaOieError("device-token", "The device code expired.", { code: "expired_token" });
 * assertEquals(advice(error.step), "approve the sign-in in the browser sooner");
 * ```
 */
export type OktaOieStep =
  | "organization"
  | "device-authorization"
  | "device-token"
  | "password"
  | "challenge"
  | "push"
  | "otp"
  | "oob-code"
  | "app-list"
  | "token-exchange"
  | "saml"
  | "private-key"
  | "client-credentials";

/**
 * An Okta Identity Engine login failed at `step`. `code` is Okta's OAuth 2.0 `error` (e.g.
 * `expired_token`, `invalid_grant`, `access_denied`) or management API `errorCode` (e.g.
 * `E0000006`) when Okta answered one. Being a `SamlLoginError` (adapter `okta-oie`), code
 * that handles every IdP's failures catches it too. Messages never hold a password, code,
 * token, private key or assertion.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * import { OktaOieError, SamlLoginError } from "@iamfetch/iamfetch/saml";
 *
 * const error = new OktaOieError("device-token", "The device code expired.", { code: "expired_token", status: 400 });
 * assert(error instanceof SamlLoginError && error.adapter === "okta-oie" && error.code === "expired_token");
 * ```
 */
export class OktaOieError extends SamlLoginError {
  /** The step that failed. */
  readonly step: OktaOieStep;
  /** Okta's error code, when it answered one. */
  readonly code?: string;

  /** Creates the error; `message` must not contain a secret. */
  constructor(
    step: OktaOieStep,
    message: string,
    options: { status?: number; code?: string; cause?: unknown } = {},
  ) {
    super("okta-oie", message, options);
    this.name = "OktaOieError";
    this.step = step;
    if (options.code !== undefined) this.code = options.code;
  }
}

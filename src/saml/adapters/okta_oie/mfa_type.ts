/**
 * The second factor of a Direct Authentication sign-in: an Okta Verify `push` (the
 * default, as okta-aws-cli's `direct`), an `otp` from an authenticator app, or a code Okta
 * sends by `sms` or `voice`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { oktaOieDirectAdapter, type OktaOieMfaType } from "@iamfetch/iamfetch/saml";
 *
 * const mfaType: OktaOieMfaType = Deno.env.get("OKTA_MFA_TYPE") === "otp" ? "otp" : "push";
 * const adapter = oktaOieDirectAdapter({ orgUrl: "example.okta.com", clientId: "0oa123directapp", mfaType });
 * assertEquals(adapter.name, "okta-oie");
 * ```
 */
export type OktaOieMfaType = "push" | "otp" | "sms" | "voice";

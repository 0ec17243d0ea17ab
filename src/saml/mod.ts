/**
 * SAML and web-identity federation: decode SAML assertions, log in at an identity provider
 * (Okta, ADFS, PingFederate, Azure AD, a generic form, the user's browser) with plain
 * `fetch` calls, and turn the result into refreshing AWS credentials through STS.
 *
 * @example
 * ```ts
 * import type { SamlAdapter } from "@iamfetch/iamfetch/saml";
 *
 * const adapter: SamlAdapter = { name: "fixed", getSamlResponse: () => Promise.resolve("PHNhbWxwOlJlc3BvbnNlLz4=") };
 * console.assert(adapter.name === "fixed");
 * ```
 *
 * @module
 */
export { SamlAssertionError, SamlLoginError } from "./errors.ts";
export type {
  MfaChallenge,
  MfaPrompt,
  SamlAdapter,
  SamlDebugLog,
  SamlLoginContext,
} from "./saml_adapter.ts";

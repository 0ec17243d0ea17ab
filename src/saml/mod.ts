/**
 * SAML and web-identity federation: decode SAML assertions, log in at an identity provider
 * (Okta, ADFS, PingFederate, Azure AD, a generic form, the user's browser) with plain
 * `fetch` calls, and turn the result into refreshing AWS credentials through STS.
 *
 * @example
 * ```ts
 * import { fromSaml, parseSamlAssertion, type SamlAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * // What an IdP login returns: a base64 SAMLResponse granting a role.
 * const provider = "arn:aws:iam::123456789012:saml-provider/Corp";
 * const samlResponse = btoa(
 *   '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">' +
 *     '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Conditions>' +
 *     "<saml:AudienceRestriction><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience>" +
 *     "</saml:AudienceRestriction></saml:Conditions><saml:AttributeStatement>" +
 *     '<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>' +
 *     `${provider},arn:aws:iam::123456789012:role/Analyst` +
 *     "</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>",
 * );
 * assertEquals(parseSamlAssertion(samlResponse).roles[0].principalArn, provider);
 *
 * // An adapter (Okta, ADFS, ... or this stand-in) logs in; STS exchanges the assertion.
 * const adapter: SamlAdapter = { name: "stand-in", getSamlResponse: () => Promise.resolve(samlResponse) };
 * const sts = async (input: RequestInfo | URL, init?: RequestInit) => {
 *   const form = new URLSearchParams(await new Request(input, init).text());
 *   assertEquals(form.get("Action"), "AssumeRoleWithSAML");
 *   assertEquals(form.get("RoleArn"), "arn:aws:iam::123456789012:role/Analyst");
 *   return new Response(
 *     '<AssumeRoleWithSAMLResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithSAMLResult>' +
 *       "<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
 *       "<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>" +
 *       "</AssumeRoleWithSAMLResult></AssumeRoleWithSAMLResponse>",
 *     { headers: { "content-type": "text/xml" } },
 *   );
 * };
 * const credentials = fromSaml({ adapter, region: "eu-west-1", fetch: sts });
 * assertEquals((await credentials()).accessKeyId, "ASIAEXAMPLE");
 * ```
 *
 * @module
 */
export { SamlAssertionError, SamlLoginError, UnsupportedXPathError } from "./errors.ts";
export type {
  MfaChallenge,
  MfaPrompt,
  SamlAdapter,
  SamlDebugLog,
  SamlLoginContext,
} from "./adapter.ts";
export { parseSamlAssertion, type SamlAssertionInfo } from "./assertion.ts";
export type { SamlRole } from "./roles.ts";
export { chooseSamlRole, type ChooseSamlRoleOptions } from "./choose_role.ts";
export { fromSaml, type FromSamlOptions } from "./from_saml.ts";
export { type Cookie, CookieJar } from "./cookie_jar.ts";
export { type SessionFetch, sessionFetch, type SessionFetchOptions } from "./session_fetch.ts";
export { findSamlResponse, type HtmlForm, parseHtmlForms } from "./html_form.ts";
export { redactIdpLogLine, redactUrl } from "./redact.ts";
export { oktaAdapter, type OktaAdapterOptions } from "./adapters/okta/adapter.ts";
export type { OktaMfaType } from "./adapters/okta/factor_choice.ts";
export { formAdapter, type FormAdapterOptions } from "./adapters/form/adapter.ts";
export { compileSamlXPath, type HtmlQuery } from "./xpath.ts";
export { adfsAdapter, type AdfsAdapterOptions } from "./adapters/adfs/adapter.ts";
export {
  pingFederateAdapter,
  type PingFederateAdapterOptions,
} from "./adapters/ping_federate/adapter.ts";
export { azureAdAdapter, type AzureAdAdapterOptions } from "./adapters/azure_ad/adapter.ts";
export { browserAdapter, type BrowserAdapterOptions } from "./adapters/browser/adapter.ts";
export { OktaOieError, type OktaOieStep } from "./adapters/okta_oie/errors.ts";
export type { OktaAwsApp, OktaAwsAppChooser } from "./adapters/okta_oie/apps.ts";
export {
  oktaOieWebAdapter,
  type OktaOieWebAdapterOptions,
} from "./adapters/okta_oie/web_adapter.ts";
export {
  oktaOieDirectAdapter,
  type OktaOieDirectAdapterOptions,
} from "./adapters/okta_oie/direct_adapter.ts";
export type { OktaOieMfaType } from "./adapters/okta_oie/mfa_type.ts";
export {
  fromOktaOieM2m,
  type FromOktaOieM2mOptions,
  oktaOieM2mTokenSource,
  type OktaOieM2mTokenSourceOptions,
} from "./adapters/okta_oie/m2m.ts";

/**
 * What to do when Okta refuses a step, by Okta's error code (the codes of Okta's "OAuth 2.0
 * error codes" reference and its management API's `E0000…` codes) and the step it came at.
 *
 * @module
 */
import type { OktaOieStep } from "./errors.ts";

const BY_STEP_AND_CODE: Record<string, string> = {
  "device-authorization invalid_scope": "the OIDC app is not granted a scope asked for " +
    "(okta.apps.sso; okta.users.read.self to list the AWS apps): grant it under Okta API " +
    "Scopes, or pass the AWS app's id as appId",
  "device-token expired_token": "the device code expired before the sign-in was approved: " +
    "log in again and approve it in the browser sooner",
  "device-token access_denied": "the sign-in was denied in the browser",
  "device-token invalid_grant": "the device code is not valid (any more): log in again",
  "password invalid_grant": "check the user name and password, and whether the account is " +
    "locked or its password expired",
  "password access_denied": "the app's sign-on policy does not allow a sign-in with these " +
    "grants: enable Resource Owner Password and MFA OOB / MFA OTP for the app and its " +
    "authorization server (Okta's Direct Authentication guide)",
  "push invalid_grant": "the push was rejected in Okta Verify: log in again and approve it",
  "push access_denied": "the push or the MFA token expired: log in again and approve sooner",
  "otp invalid_grant": "check the code (and the clock of the device that made it)",
  "oob-code invalid_grant": "check the code Okta sent",
  "challenge access_denied": "the user has no authenticator of that kind that the policy " +
    "accepts: pick another mfaType, or enrol the factor in Okta",
  "app-list E0000006": "the OIDC app lacks the okta.users.read.self grant (Okta API Scopes): " +
    "grant it, or pass the AWS app's id as appId",
  "app-list E0000011": "the access token was refused: log in again",
  "token-exchange invalid_grant": "check that the AWS Account Federation app names this " +
    "client as its Allowed Web SSO Client, that the client is granted okta.apps.sso and " +
    "the Token Exchange grant, and that the user is assigned to the AWS app",
  "token-exchange invalid_target": "appId is not an AWS Account Federation app of this org",
  "saml invalid_token": "the web SSO token was refused (expired or for another app): log " +
    "in again",
  "saml web_sso_token_replayed": "the web SSO token was used already: log in again",
  "client-credentials invalid_client": "check the client id and key id, that the public key " +
    "is registered on the API service app, and this machine's clock",
  "client-credentials invalid_scope": "grant the scope on the authorization server and " +
    "allow it for this client in an access policy",
};

const BY_CODE: Record<string, string> = {
  access_denied: "Okta's policy denied it: check the app's sign-on policy and assignments",
  invalid_client: "check the client id, and that it is the OIDC app's",
  invalid_scope: "grant the scope to the app (Okta API Scopes) or on the authorization server",
  unauthorized_client: "enable that grant type on the app (General Settings > Grant type) " +
    "and in the authorization server's access policy",
  unsupported_grant_type: "enable that grant type on the app and the authorization server",
  invalid_request: "the request did not suit this org; check the app's settings",
  E0000007: "check orgUrl and the authorization server id",
  E0000047: "Okta's rate limit was reached: wait a minute before trying again",
};

/** Advice for Okta's `code` at `step`. */
export function adviceFor(step: OktaOieStep, code: string | undefined): string {
  if (code === undefined) return "check that orgUrl is your Okta Identity Engine org";
  return BY_STEP_AND_CODE[`${step} ${code}`] ?? BY_CODE[code] ??
    "see Okta's OAuth 2.0 error codes reference";
}

/**
 * From a signed-in user's tokens to the AWS app's SAML response, as okta-aws-cli does it:
 *
 * 1. `POST /oauth2/v1/token` with `grant_type=urn:ietf:params:oauth:grant-type:token-exchange`,
 *    the access token as `actor_token`, the ID token as `subject_token`,
 *    `requested_token_type=urn:okta:oauth:token-type:web_sso_token` and
 *    `audience=urn:okta:apps:<AWS app id>`: a single-use web SSO token (in `access_token`).
 * 2. `POST /login/token/sso` with `token=<web SSO token>` in the form body (not the URL, so it
 *    stays out of logs): the HTML page whose form holds the `SAMLResponse`.
 *
 * @module
 */
import { parseJsonObject } from "../../../_shared/json_object.ts";
import { findSamlResponse } from "../../html_form.ts";
import {
  missingField,
  type OktaContext,
  oktaError,
  postOAuthForm,
  requestOkta,
  text,
} from "./_oauth.ts";
import type { OktaOrg } from "./_org.ts";
import { type OktaTokens, TOKEN_EXCHANGE_GRANT } from "./_tokens.ts";
import { OktaOieError } from "./errors.ts";

const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
/** Okta's name for the token type; okta-aws-cli's constant (Okta's guides do not list it). */
const WEB_SSO_TOKEN_TYPE = "urn:okta:oauth:token-type:web_sso_token";

/** Exchanges `tokens` for a web SSO token to the AWS app `appId`. */
export async function webSsoToken(
  context: OktaContext,
  org: OktaOrg,
  clientId: string,
  tokens: OktaTokens,
  appId: string,
): Promise<string> {
  const url = org.oauthUrl("token");
  const answer = await postOAuthForm(context, "token-exchange", url, {
    client_id: clientId,
    actor_token: tokens.accessToken,
    actor_token_type: ACCESS_TOKEN_TYPE,
    subject_token: tokens.idToken,
    subject_token_type: ID_TOKEN_TYPE,
    grant_type: TOKEN_EXCHANGE_GRANT,
    requested_token_type: WEB_SSO_TOKEN_TYPE,
    audience: `urn:okta:apps:${appId}`,
  });
  if (answer.status !== 200) {
    throw oktaError("token-exchange", url, answer, [tokens.accessToken, tokens.idToken]);
  }
  const token = text(answer.json?.access_token);
  if (token === undefined) throw missingField("token-exchange", url, answer.status, "access_token");
  return token;
}

/** Redeems the web SSO token at `/login/token/sso` and reads the `SAMLResponse`. */
export async function samlResponseFor(
  context: OktaContext,
  org: OktaOrg,
  webSso: string,
): Promise<string> {
  const url = org.url("/login/token/sso");
  const page = await requestOkta(context, "saml", url, {
    method: "POST",
    headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: webSso }).toString(),
  });
  context.log?.(`okta-oie: POST ${url.origin}${url.pathname} -> ${page.status}`);
  const json = page.status === 200 ? undefined : parseJsonObject(page.text);
  if (typeof json?.error === "string") {
    throw oktaError("saml", url, { status: page.status, json }, [webSso]);
  }
  const samlResponse = page.status === 200 ? findSamlResponse(page.text) : undefined;
  if (samlResponse === undefined) {
    throw new OktaOieError(
      "saml",
      `Okta's ${url.pathname} at ${url.origin} answered HTTP ${page.status} without a ` +
        "SAMLResponse form; the web SSO token may have expired or been used already: log in " +
        "again.",
      { status: page.status },
    );
  }
  return samlResponse;
}

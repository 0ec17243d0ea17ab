import { XmlParseError } from "../../../_shared/xml/parse.ts";
import { SamlLoginError } from "../../errors.ts";
import { requestIdp } from "../../_idp_response.ts";
import type { SamlLoginContext } from "../../adapter.ts";
import { samlResponseFromAssertion } from "../../_response_from_assertion.ts";
import {
  readWsTrustAnswer,
  WS_TRUST_CONTENT_TYPE,
  type WsTrustAnswer,
  wsTrustIssueRequest,
} from "./_ws_trust.ts";
import { base64 } from "../../../_shared/bytes/base64.ts";

/** Where and how {@linkcode pingWsTrustLogin} asks PingFederate's STS for a token. */
export interface PingWsTrustTarget {
  /** The STS endpoint (`…/idp/sts.wst`); the only origin that gets the password. */
  readonly stsUrl: URL;
  /** The `AppliesTo` address: the SP connection's partner id (CData's `SSOExchangeUrl`). */
  readonly appliesTo: string;
  /** Also send the user name and password as `Authorization: Basic` (CData's `Authscheme=Basic`). */
  readonly basicAuth?: boolean;
}

/**
 * Asks PingFederate's WS-Trust STS for a SAML 2.0 assertion with the user's name and password
 * (a `UsernameToken`) and returns it wrapped in a base64 SAML `Response`, as CData does. A SOAP
 * fault becomes a `SamlLoginError` with the fault code.
 *
 * @example
 * ```ts
 * import { pingWsTrustLogin } from "./_ws_trust_login.ts";
 * import { assert } from "@std/assert";
 *
 * const fault = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault>' +
 *   "<s:Code><s:Value>s:Sender</s:Value></s:Code></s:Fault></s:Body></s:Envelope>";
 * const error = await pingWsTrustLogin(
 *   { fetch: () => Promise.resolve(new Response(fault, { status: 500 })), username: "alice", password: "pw" },
 *   { stsUrl: new URL("https://pf.example.com/idp/sts.wst"), appliesTo: "urn:amazon:webservices" },
 * ).catch((error) => error);
 * assert(error.message.includes("s:Sender") && !error.message.includes("pw"));
 * ```
 */
export async function pingWsTrustLogin(
  context: SamlLoginContext,
  target: PingWsTrustTarget,
): Promise<string> {
  const { username, password } = context;
  if (!username || password === undefined) {
    throw new SamlLoginError(
      "pingfederate",
      "PingFederate WS-Trust needs a user name and a password; pass username and password.",
    );
  }
  const { stsUrl } = target;
  let body: string;
  try {
    body = wsTrustIssueRequest({
      endpoint: stsUrl.href,
      appliesTo: target.appliesTo,
      username,
      password,
    });
  } catch (error) {
    throw new SamlLoginError("pingfederate", `Cannot build the WS-Trust request: ${error}`);
  }
  const headers = new Headers({
    "content-type": WS_TRUST_CONTENT_TYPE,
    accept: "application/soap+xml",
  });
  if (target.basicAuth) {
    headers.set("authorization", `Basic ${basicCredentials(username, password)}`);
  }
  const answer = await requestIdp(context, "pingfederate", stsUrl, {
    method: "POST",
    headers,
    body,
  });
  let result: WsTrustAnswer;
  try {
    result = readWsTrustAnswer(answer.text);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    throw new SamlLoginError(
      "pingfederate",
      `PingFederate's STS at ${stsUrl.origin} answered HTTP ${answer.status} with no usable ` +
        `token: ${error.message} Check that loginUrl is the …/idp/sts.wst endpoint.`,
      { status: answer.status },
    );
  }
  if (result.kind === "fault") {
    throw new SamlLoginError(
      "pingfederate",
      `PingFederate's STS at ${stsUrl.origin} refused the token request with the SOAP fault ` +
        `${result.code}${faultHint(result.code)}.`,
      { status: answer.status },
    );
  }
  return samlResponseFromAssertion(result.assertionXml, result.inheritedNamespaces);
}

function faultHint(code: string): string {
  if (/FailedAuthentication/.test(code)) return " (check the user name and password)";
  if (/InvalidRequest|BadRequest/.test(code)) {
    return " (check exchangeUrl: it must be an SP connection's WS-Trust partner id)";
  }
  return "";
}

function basicCredentials(username: string, password: string): string {
  return base64(`${username}:${password}`);
}

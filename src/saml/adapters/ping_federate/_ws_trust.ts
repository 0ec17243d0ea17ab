/**
 * WS-Trust 1.3 over SOAP 1.2, as PingFederate's STS (`…/idp/sts.wst`) speaks it: the
 * `RequestSecurityToken` Issue request with a WS-Security `UsernameToken`, and the reading of
 * its answer (a SAML 2.0 assertion, or a SOAP fault).
 *
 * SOAP 1.2 rather than 1.1: PingFederate accepts both (and both WS-Trust 2005 and 1.3), 1.2 is
 * the W3C Recommendation, and it names the action in the `Content-Type` instead of a separate
 * `SOAPAction` header. The reader accepts SOAP 1.1 and 1.2 answers and both WS-Trust versions.
 *
 * @module
 */
import { parseXml, XmlParseError, xmlText } from "../../../_shared/xml/parse.ts";
import { escapeXml, namespacesInScope } from "../../_ws_trust_xml.ts";

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";
const WSP = "http://schemas.xmlsoap.org/ws/2004/09/policy";
const WST = "http://docs.oasis-open.org/ws-sx/ws-trust/200512";
const WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const PASSWORD_TEXT =
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
const SAML2_TOKEN_TYPE = "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0";
const SAML2_ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";

/** The SOAP action of a WS-Trust 1.3 Issue request. */
export const WS_TRUST_ISSUE_ACTION = `${WST}/RST/Issue`;

/** The `Content-Type` of a {@linkcode wsTrustIssueRequest} body (SOAP 1.2 carries the action here). */
export const WS_TRUST_CONTENT_TYPE =
  `application/soap+xml; charset=utf-8; action="${WS_TRUST_ISSUE_ACTION}"`;

/** What {@linkcode wsTrustIssueRequest} asks for. */
export interface WsTrustIssueInit {
  /** The STS endpoint (`wsa:To`), e.g. `https://pf.example.com:9031/idp/sts.wst`. */
  readonly endpoint: string;
  /** The `AppliesTo` address: the SP connection's partner id (CData's `SSOExchangeUrl`). */
  readonly appliesTo: string;
  /** The `UsernameToken` user name. */
  readonly username: string;
  /** The `UsernameToken` password, sent as `PasswordText` (the STS needs it to bind to LDAP). */
  readonly password: string;
  /** The request time; default now. The timestamp is valid for five minutes. */
  readonly now?: Date;
}

/**
 * The SOAP 1.2 envelope of a WS-Trust 1.3 `RequestSecurityToken` that asks for a bearer SAML
 * 2.0 token for `appliesTo`, authenticated by a WS-Security `UsernameToken`. Every value is
 * XML-escaped; a value with a character XML cannot carry throws a `TypeError`.
 *
 * @example
 * ```ts
 * import { wsTrustIssueRequest } from "./_ws_trust.ts";
 * import { assert } from "@std/assert";
 *
 * const body = wsTrustIssueRequest({
 *   endpoint: "https://pf.example.com/idp/sts.wst",
 *   appliesTo: "urn:amazon:webservices",
 *   username: "alice",
 *   password: "a<b&c",
 * });
 * assert(body.includes("a&lt;b&amp;c</wsse:Password>"));
 * ```
 */
export function wsTrustIssueRequest(init: WsTrustIssueInit): string {
  const now = init.now ?? new Date();
  const expires = new Date(now.getTime() + 5 * 60_000);
  return `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP12}" xmlns:wsa="${WSA}" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}">` +
    "<s:Header>" +
    `<wsa:Action s:mustUnderstand="true">${WS_TRUST_ISSUE_ACTION}</wsa:Action>` +
    `<wsa:MessageID>urn:uuid:${crypto.randomUUID()}</wsa:MessageID>` +
    `<wsa:To s:mustUnderstand="true">${escapeXml(init.endpoint)}</wsa:To>` +
    `<wsse:Security s:mustUnderstand="true">` +
    `<wsu:Timestamp wsu:Id="_0"><wsu:Created>${isoSeconds(now)}</wsu:Created>` +
    `<wsu:Expires>${isoSeconds(expires)}</wsu:Expires></wsu:Timestamp>` +
    `<wsse:UsernameToken wsu:Id="uuid-${crypto.randomUUID()}">` +
    `<wsse:Username>${escapeXml(init.username)}</wsse:Username>` +
    `<wsse:Password Type="${PASSWORD_TEXT}">${escapeXml(init.password)}</wsse:Password>` +
    "</wsse:UsernameToken></wsse:Security></s:Header>" +
    `<s:Body><wst:RequestSecurityToken xmlns:wst="${WST}/">` +
    `<wst:TokenType>${SAML2_TOKEN_TYPE}</wst:TokenType>` +
    `<wst:RequestType>${WST}/Issue</wst:RequestType>` +
    `<wsp:AppliesTo xmlns:wsp="${WSP}"><wsa:EndpointReference>` +
    `<wsa:Address>${escapeXml(init.appliesTo)}</wsa:Address>` +
    "</wsa:EndpointReference></wsp:AppliesTo>" +
    `<wst:KeyType>${WST}/Bearer</wst:KeyType>` +
    "</wst:RequestSecurityToken></s:Body></s:Envelope>";
}

/** What a WS-Trust STS answered: the issued SAML 2.0 assertion, or a SOAP fault. */
export type WsTrustAnswer =
  | {
    readonly kind: "assertion";
    /** The `Assertion` element exactly as sent (its signature covers these bytes). */
    readonly assertionXml: string;
    /** The namespace declarations in scope at the assertion (`xmlns:p` → URI), from its ancestors. */
    readonly inheritedNamespaces: ReadonlyMap<string, string>;
  }
  | {
    readonly kind: "fault";
    /** The most specific fault code: SOAP 1.2's `Subcode` value, else the `Code`/`faultcode`. */
    readonly code: string;
  };

/**
 * Reads a WS-Trust answer (SOAP 1.1 or 1.2, WS-Trust 2005 or 1.3): the SAML 2.0 `Assertion`
 * inside `RequestedSecurityToken`, kept byte for byte, or the fault code. Throws an
 * `XmlParseError` for XML that is unsafe (a DOCTYPE), too large or malformed, or that is
 * neither a token nor a fault. The fault's reason text is left out on purpose: it is the
 * server's free text and may quote what was sent.
 *
 * @example
 * ```ts
 * import { readWsTrustAnswer } from "./_ws_trust.ts";
 * import { assert } from "@std/assert";
 *
 * const answer = readWsTrustAnswer(
 *   '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault>' +
 *     "<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>wst:FailedAuthentication</s:Value>" +
 *     "</s:Subcode></s:Code></s:Fault></s:Body></s:Envelope>",
 * );
 * assert(answer.kind === "fault" && answer.code === "wst:FailedAuthentication");
 * ```
 */
export function readWsTrustAnswer(xml: string): WsTrustAnswer {
  const document = parseXml(xml);
  const fault = xmlText(document, ["Envelope", "Body", "Fault", "Code", "Subcode", "Value"]) ??
    xmlText(document, ["Envelope", "Body", "Fault", "Code", "Value"]) ??
    xmlText(document, ["Envelope", "Body", "Fault", "faultcode"]);
  if (fault !== undefined) return { kind: "fault", code: fault };
  const open = /<([\w.-]+:)?RequestedSecurityToken\b[^>]*>/.exec(xml);
  if (open === null) {
    throw new XmlParseError("The WS-Trust answer has no RequestedSecurityToken.");
  }
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${open[1] ?? ""}RequestedSecurityToken>`, start);
  const inner = end < 0 ? "" : xml.slice(start, end);
  const token = inner.trim();
  const assertion = /^<([\w.-]+:)?Assertion\b/.exec(token);
  const complete = token.endsWith(`</${assertion?.[1] ?? ""}Assertion>`) ||
    /^<[^>]*\/>$/.test(token);
  if (assertion === null || !complete) {
    throw new XmlParseError("The WS-Trust answer's RequestedSecurityToken holds no Assertion.");
  }
  const inheritedNamespaces = namespacesInScope(xml, start + inner.search(/\S/));
  const prefix = assertion[1]?.slice(0, -1);
  const own = new RegExp(`^<[^>]*\\sxmlns${prefix ? `:${prefix}` : ""}="([^"]*)"`).exec(token);
  const namespace = own?.[1] ?? inheritedNamespaces.get(prefix ?? "");
  if (namespace !== SAML2_ASSERTION) {
    throw new XmlParseError("The WS-Trust answer holds an assertion that is not SAML 2.0.");
  }
  return { kind: "assertion", assertionXml: token, inheritedNamespaces };
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

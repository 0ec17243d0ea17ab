/**
 * The WS-Trust half of the fake PingFederate (`POST /idp/sts.wst`): reads the SOAP 1.2
 * envelope with a namespace-aware DOM (@xmldom/xmldom) and checks what PingFederate's STS
 * checks — WS-Addressing action, a fresh WS-Security timestamp, a `UsernameToken` with a
 * `PasswordText` password for a known user, a WS-Trust 1.3 Issue request for a SAML 2.0 token
 * that `AppliesTo` a known SP connection — then answers an RSTR holding a signed assertion, or
 * a SOAP 1.2 fault.
 *
 * @module
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { signedAssertionXml, type TestSamlRole } from "../saml_issuer.ts";

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const WSA = "http://www.w3.org/2005/08/addressing";
const WST = "http://docs.oasis-open.org/ws-sx/ws-trust/200512/";
const WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const WSP = "http://schemas.xmlsoap.org/ws/2004/09/policy";
const PASSWORD_TEXT =
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
const SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";

/** What the fake STS knows. */
export interface FakePingStsInit {
  /** User name → password. */
  readonly users: Readonly<Record<string, string>>;
  /** The roles put in every assertion. */
  readonly roles: readonly TestSamlRole[];
  /** The SP connections' WS-Trust partner ids (the `AppliesTo` addresses it issues for). */
  readonly partners: readonly string[];
  /** Also require `Authorization: Basic` with the same user name and password. */
  readonly requireBasicAuth?: boolean;
  /** Declare the assertion's `saml2` prefix on the RSTR instead of the assertion itself. */
  readonly assertionNamespaceOnAncestor?: boolean;
}

/** Answers one request to the STS endpoint. */
export function answerWsTrust(
  init: FakePingStsInit,
  request: { contentType: string; authorization?: string; body: string; now: Date },
): { status: number; body: string } {
  if (!request.contentType.startsWith("application/soap+xml")) {
    return fault("s:Sender", "wst:InvalidRequest", "Expected a SOAP 1.2 message.");
  }
  if (/<!DOCTYPE/i.test(request.body)) return fault("s:Sender", "wst:InvalidRequest", "DTD.");
  let envelope: Element | null;
  try {
    envelope = new DOMParser().parseFromString(request.body, "application/xml").documentElement;
  } catch {
    return fault("s:Sender", "wst:InvalidRequest", "Malformed XML.");
  }
  if (!envelope || envelope.namespaceURI !== SOAP12 || envelope.localName !== "Envelope") {
    return fault("s:VersionMismatch", undefined, "Not a SOAP 1.2 envelope.");
  }
  const header = child(envelope, SOAP12, "Header");
  const body = child(envelope, SOAP12, "Body");
  const action = text(child(header, WSA, "Action"));
  if (action !== `${WST}RST/Issue`) {
    return fault("s:Sender", "wsa:ActionNotSupported", "Unknown action.");
  }
  const security = child(header, WSSE, "Security");
  const timestamp = child(security, WSU, "Timestamp");
  const created = Date.parse(text(child(timestamp, WSU, "Created")) ?? "");
  const expires = Date.parse(text(child(timestamp, WSU, "Expires")) ?? "");
  const now = request.now.getTime();
  if (!(created <= now + 300_000 && now < expires)) {
    return fault("s:Sender", "wsse:MessageExpired", "The message has expired.");
  }
  const token = child(security, WSSE, "UsernameToken");
  const username = text(child(token, WSSE, "Username"));
  const passwordElement = child(token, WSSE, "Password");
  const password = text(passwordElement);
  if (
    username === undefined || password === undefined ||
    passwordElement?.getAttribute("Type") !== PASSWORD_TEXT ||
    !Object.hasOwn(init.users, username) || init.users[username] !== password
  ) {
    return fault("s:Sender", "wst:FailedAuthentication", "Authentication failed.");
  }
  if (init.requireBasicAuth) {
    const basic = request.authorization?.match(/^Basic (\S+)$/)?.[1];
    const decoded = basic === undefined ? undefined : new TextDecoder().decode(
      Uint8Array.from(atob(basic), (c) => c.charCodeAt(0)),
    );
    if (decoded !== `${username}:${password}`) {
      return fault("s:Sender", "wst:FailedAuthentication", "Basic authentication failed.");
    }
  }
  const rst = child(body, WST, "RequestSecurityToken");
  const requestType = text(child(rst, WST, "RequestType"));
  const tokenType = text(child(rst, WST, "TokenType"));
  const address = text(
    child(child(child(rst, WSP, "AppliesTo"), WSA, "EndpointReference"), WSA, "Address"),
  );
  if (requestType !== `${WST}Issue` || !tokenType?.endsWith("#SAMLV2.0")) {
    return fault("s:Sender", "wst:InvalidRequest", "Only SAML 2.0 Issue requests.");
  }
  if (address === undefined || !init.partners.includes(address)) {
    return fault("s:Sender", "wst:InvalidRequest", "No SP connection for AppliesTo.");
  }
  let assertion = signedAssertionXml({
    roles: init.roles,
    subject: username,
    roleSessionName: username,
  });
  let rstrNamespace = "";
  if (init.assertionNamespaceOnAncestor) {
    assertion = assertion.replace(` xmlns:saml2="${SAML2}"`, "");
    rstrNamespace = ` xmlns:saml2="${SAML2}"`;
  }
  return {
    status: 200,
    body: `<?xml version="1.0" encoding="UTF-8"?>` +
      `<s:Envelope xmlns:s="${SOAP12}" xmlns:wsa="${WSA}">` +
      `<s:Header><wsa:Action>${WST}RSTRC/IssueFinal</wsa:Action></s:Header><s:Body>` +
      `<wst:RequestSecurityTokenResponseCollection xmlns:wst="${WST}">` +
      `<wst:RequestSecurityTokenResponse${rstrNamespace}>` +
      `<wst:TokenType>http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0</wst:TokenType>` +
      `<wst:RequestedSecurityToken>${assertion}</wst:RequestedSecurityToken>` +
      `<wsp:AppliesTo xmlns:wsp="${WSP}"><wsa:EndpointReference><wsa:Address>${address}` +
      `</wsa:Address></wsa:EndpointReference></wsp:AppliesTo>` +
      `</wst:RequestSecurityTokenResponse></wst:RequestSecurityTokenResponseCollection>` +
      `</s:Body></s:Envelope>`,
  };
}

function fault(code: string, subcode: string | undefined, reason: string) {
  return {
    status: 500,
    body: `<s:Envelope xmlns:s="${SOAP12}" xmlns:wst="${WST}" ` +
      `xmlns:wsse="${WSSE}" xmlns:wsa="${WSA}"><s:Body><s:Fault>` +
      `<s:Code><s:Value>${code}</s:Value>` +
      (subcode === undefined ? "" : `<s:Subcode><s:Value>${subcode}</s:Value></s:Subcode>`) +
      `</s:Code><s:Reason><s:Text xml:lang="en">${reason}</s:Text></s:Reason>` +
      `</s:Fault></s:Body></s:Envelope>`,
  };
}

function child(parent: Element | undefined, namespace: string, name: string): Element | undefined {
  if (parent === undefined) return undefined;
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    const element = node as Element;
    if (node.nodeType === 1 && element.namespaceURI === namespace && element.localName === name) {
      return element;
    }
  }
  return undefined;
}

function text(element: Element | undefined): string | undefined {
  return element?.textContent ?? undefined;
}

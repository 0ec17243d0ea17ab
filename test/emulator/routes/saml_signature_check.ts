/**
 * The XML-signature half of the emulator's `AssumeRoleWithSAML`: finds the one assertion of
 * a SAML Response and verifies that a signature made with the SAML provider's key covers
 * it, the way AWS does, so clients are tested against a relying party that cannot be fooled
 * by signature wrapping (a second, forged assertion next to a signed one; a signature that
 * references another element; a signature whose key comes from the document's own KeyInfo).
 *
 * @module
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

export const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const SAMLP_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

/** The verified assertion element, or why the response is refused. */
export type SignedAssertion = { readonly assertion: Element } | { readonly refused: string };

/**
 * Parses `xml` (a SAML 2.0 Response) and returns its single `Assertion` when a valid
 * signature by `certificatePem`'s key is an enveloped signature of that assertion or of the
 * whole response. The certificate in the document's `KeyInfo` is ignored: only the
 * registered one counts.
 */
export function signedAssertion(xml: string, certificatePem: string): SignedAssertion {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { refused: "DTDs are not allowed." };
  let root: Element | null;
  try {
    root = new DOMParser({ onError: (level) => failOn(level) })
      .parseFromString(xml, "text/xml").documentElement;
  } catch {
    return { refused: "not well-formed XML." };
  }
  if (root === null || root.namespaceURI !== SAMLP_NS || root.localName !== "Response") {
    return { refused: "not a SAML 2.0 Response." };
  }
  if (root.getElementsByTagNameNS(SAML_NS, "EncryptedAssertion").length > 0) {
    return { refused: "encrypted assertions need a decryption key registered with the provider." };
  }
  const assertions = root.getElementsByTagNameNS(SAML_NS, "Assertion");
  if (assertions.length !== 1) {
    return { refused: `expected exactly one Assertion, found ${assertions.length}.` };
  }
  const assertion = assertions[0];
  if (assertion.parentNode !== root) {
    return { refused: "the Assertion is not a child of the Response." };
  }
  const candidates = [assertion, root].flatMap((element) =>
    childElements(element).filter((child) =>
      child.namespaceURI === DSIG_NS && child.localName === "Signature"
    ).map((signature) => ({ element, signature }))
  );
  if (candidates.length === 0) return { refused: "the SAML response is not signed." };
  const valid = candidates.some(({ element, signature }) =>
    verifies(xml, signature, `#${element.getAttribute("ID") ?? ""}`, certificatePem)
  );
  return valid
    ? { assertion }
    : { refused: "the signature is invalid for the provider's certificate." };
}

function verifies(xml: string, signature: Element, uri: string, certificatePem: string): boolean {
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(signature);
    const references = verifier.getReferences();
    if (references.length !== 1 || references[0].uri !== uri || uri === "#") return false;
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

/** The element children of `element`. */
export function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
  }
  return out;
}

function failOn(level: string): void {
  if (level !== "warning") throw new Error("malformed XML");
}

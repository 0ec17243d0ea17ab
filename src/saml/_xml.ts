import { readXmlElements, type XmlElement } from "../_shared/xml/reader.ts";
import { SamlAssertionError } from "./errors.ts";

/** A parsed element: local name, decoded attributes by local name, children, decoded text. */
export type SamlXmlElement = XmlElement;

/** The largest decoded SAML response read: real ones are a few kilobytes to ~100 KB. */
export const MAX_SAML_XML_BYTES = 1024 * 1024;

/**
 * Parses a decoded SAML response, refusing DOCTYPEs, entity declarations and malformed
 * XML (the HTTP layer's reader: no DTD processing at all). Returns a document element
 * whose one child is the root, so `children(doc, "Response")` finds it.
 */
export function parseSamlXml(xml: string): SamlXmlElement {
  if (xml.length > MAX_SAML_XML_BYTES) {
    throw new SamlAssertionError(
      `The SAML response is larger than ${MAX_SAML_XML_BYTES} bytes; refusing to read it.`,
    );
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new SamlAssertionError(
      "The SAML response declares a DOCTYPE or entities (an XML entity attack?); refusing it.",
    );
  }
  const root = readXmlElements(
    xml,
    (reason) => new SamlAssertionError(`The SAML response XML is ${reason}.`),
  );
  return { name: "", attributes: {}, children: [root], text: "" };
}

/** The child elements of `element` with local name `name`. */
export function children(element: SamlXmlElement | undefined, name: string): SamlXmlElement[] {
  return element?.children.filter((child) => child.name === name) ?? [];
}

/** The first descendant along `path` (local names), taking the first of repeated elements. */
export function descend(
  element: SamlXmlElement | undefined,
  path: readonly string[],
): SamlXmlElement | undefined {
  let current = element;
  for (const name of path) current = children(current, name)[0];
  return current;
}

/** The element's trimmed text, entities decoded; `undefined` for a missing element. */
export function textOf(element: SamlXmlElement | undefined): string | undefined {
  return element?.text.trim();
}

/** The attribute `name` (local name) of `element`, entities decoded. */
export function attributeOf(element: SamlXmlElement | undefined, name: string): string | undefined {
  return element?.attributes[name];
}

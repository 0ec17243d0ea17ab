import { XMLParser } from "fast-xml-parser";
import { decodeXmlText } from "../http/xml.ts";
import { SamlAssertionError } from "./errors.ts";

/** A parsed element: child elements by local name (always arrays), `@_attr`s and `#text`. */
export type SamlXmlElement = { readonly [key: string]: SamlXmlElement[] | string };

/** The largest decoded SAML response read: real ones are a few kilobytes to ~100 KB. */
export const MAX_SAML_XML_BYTES = 1024 * 1024;

// The same safe settings as src/http/xml.ts (no entity processing: only the predefined
// entities and character references are decoded, by decodeXmlText; DOCTYPEs are refused
// before parsing), plus attributes, which SAML needs.
const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
  alwaysCreateTextNode: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** Parses a decoded SAML response, refusing DOCTYPEs, entity declarations and malformed XML. */
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
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch {
    throw new SamlAssertionError("The SAML response is not well-formed XML.");
  }
  return parsed as SamlXmlElement;
}

/** The child elements of `element` with local name `name`. */
export function children(element: SamlXmlElement | undefined, name: string): SamlXmlElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value : [];
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

/** The element's text, entities decoded; `undefined` for a missing element. */
export function textOf(element: SamlXmlElement | undefined): string | undefined {
  if (element === undefined) return undefined;
  const text = element["#text"];
  return typeof text === "string" ? decodeXmlText(text) : "";
}

/** The attribute `name` (local name) of `element`, entities decoded. */
export function attributeOf(element: SamlXmlElement | undefined, name: string): string | undefined {
  const value = element?.[`@_${name}`];
  return typeof value === "string" ? decodeXmlText(value) : undefined;
}

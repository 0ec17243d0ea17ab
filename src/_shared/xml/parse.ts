import { IamfetchError } from "../iamfetch_error.ts";
import { decodeXmlText, readXmlElements, type XmlElement } from "./reader.ts";

export { decodeXmlText };
/**
 * Thrown when a service answers with XML that cannot be read safely: malformed, too
 * large, or carrying a DOCTYPE (the door to entity-expansion and external-entity attacks).
 *
 * @example
 * ```ts
 * import { parseXml, XmlParseError } from "./parse.ts";
 * import { assertThrows } from "@std/assert";
 *
 * assertThrows(() => parseXml('<!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>'), XmlParseError);
 * ```
 */
export class XmlParseError extends IamfetchError {
  /** Creates the error; the message never quotes the document. */
  constructor(message: string) {
    super(message);
    this.name = "XmlParseError";
  }
}

/** A parsed XML element: text, or child elements by name (repeated names become arrays). */
export type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

/** The largest XML document {@linkcode parseXml} accepts: AWS responses are far smaller. */
export const MAX_XML_BYTES = 1024 * 1024;

// An element with child elements holds only those (as AWS responses never mix the two);
// repeated names become arrays, a leaf becomes its trimmed text.
function toNode(element: XmlElement): XmlNode {
  if (element.children.length === 0) return element.text.trim();
  const node: { [name: string]: XmlNode | XmlNode[] } = {};
  for (const child of element.children) {
    const value = toNode(child);
    const existing = Object.hasOwn(node, child.name) ? node[child.name] : undefined;
    // defineProperty, not assignment: an element named `__proto__` stays a plain key.
    const define = (v: XmlNode | XmlNode[]) =>
      Object.defineProperty(node, child.name, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    if (existing === undefined) define(value);
    else if (Array.isArray(existing)) existing.push(value);
    else define([existing, value]);
  }
  return node;
}

const malformed = (reason: string) => new XmlParseError(`The XML response is ${reason}.`);

/**
 * Parses an AWS XML response into plain objects (attributes, comments and namespace
 * prefixes dropped, text trimmed and decoded), refusing DOCTYPEs and documents over
 * {@linkcode MAX_XML_BYTES}. Throws {@linkcode XmlParseError}.
 *
 * @example
 * ```ts
 * import { parseXml } from "./parse.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const doc = parseXml("<Error><Code>Throttling</Code><Message>Rate &amp; burst</Message></Error>");
 * assertEquals(JSON.stringify(doc), '{"Error":{"Code":"Throttling","Message":"Rate & burst"}}');
 * ```
 */
export function parseXml(text: string): { [name: string]: XmlNode | XmlNode[] } {
  if (text.length > MAX_XML_BYTES) {
    throw new XmlParseError(`The XML response is larger than ${MAX_XML_BYTES} bytes.`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new XmlParseError(
      "The XML response declares a DOCTYPE or entities; refusing to read it.",
    );
  }
  const root = readXmlElements(text, malformed);
  return { [root.name]: toNode(root) };
}

/**
 * Follows `path` (element names) from `node`, taking the first of repeated elements;
 * returns the text there or `undefined`.
 *
 * @example
 * ```ts
 * import { parseXml, xmlText } from "./parse.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const doc = parseXml("<A><B><C>value</C></B></A>");
 * assertEquals(xmlText(doc, ["A", "B", "C"]), "value");
 * ```
 */
export function xmlText(
  node: XmlNode | XmlNode[] | undefined,
  path: readonly string[],
): string | undefined {
  let current = node;
  for (const name of path) {
    if (Array.isArray(current)) current = current[0];
    if (current === undefined || typeof current === "string") return undefined;
    current = current[name];
  }
  if (Array.isArray(current)) current = current[0];
  return typeof current === "string" ? current : undefined;
}

/**
 * The children named `name` of the element at `path`, always as an array (AWS lists are
 * `<member>` elements that XML parsers turn into a value or an array).
 *
 * @example
 * ```ts
 * import { parseXml, xmlList } from "./parse.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const doc = parseXml("<R><Groups><member>a</member><member>b</member></Groups></R>");
 * assertEquals(xmlList(doc, ["R", "Groups"], "member").length, 2);
 * ```
 */
export function xmlList(
  node: XmlNode | XmlNode[] | undefined,
  path: readonly string[],
  name: string,
): XmlNode[] {
  let current = node;
  for (const step of path) {
    if (Array.isArray(current)) current = current[0];
    if (current === undefined || typeof current === "string") return [];
    current = current[step];
  }
  if (Array.isArray(current)) current = current[0];
  if (current === undefined || typeof current === "string") return [];
  const children = current[name];
  if (children === undefined) return [];
  return Array.isArray(children) ? children : [children];
}

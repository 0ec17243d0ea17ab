import { XMLParser } from "fast-xml-parser";

/**
 * Thrown when a service answers with XML that cannot be read safely: malformed, too
 * large, or carrying a DOCTYPE (the door to entity-expansion and external-entity attacks).
 *
 * @example
 * ```ts
 * import { parseXml, XmlParseError } from "./xml.ts";
 *
 * try {
 *   parseXml('<!DOCTYPE x [<!ENTITY a "a">]><x>&a;</x>');
 * } catch (error) {
 *   console.assert(error instanceof XmlParseError);
 * }
 * ```
 */
export class XmlParseError extends Error {
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

// Entity processing stays off: only the five predefined entities and character
// references are decoded, by decodeXmlText, so no DTD can define anything.
const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
});

const PREDEFINED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Decodes the predefined XML entities and numeric character references of `text`. */
export function decodeXmlText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (entity, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return PREDEFINED[name] ?? entity;
  });
}

function decodeTree(node: unknown): XmlNode | XmlNode[] {
  if (typeof node === "string") return decodeXmlText(node);
  if (Array.isArray(node)) return node.map((item) => decodeTree(item) as XmlNode);
  if (node === null || typeof node !== "object") return String(node ?? "");
  const out: { [name: string]: XmlNode | XmlNode[] } = {};
  for (const [name, child] of Object.entries(node)) out[name] = decodeTree(child);
  return out;
}

/**
 * Parses an AWS XML response into plain objects, refusing DOCTYPEs and documents over
 * {@linkcode MAX_XML_BYTES}. Throws {@linkcode XmlParseError}.
 *
 * @example
 * ```ts
 * import { parseXml } from "./xml.ts";
 *
 * const doc = parseXml("<Error><Code>Throttling</Code><Message>Rate &amp; burst</Message></Error>");
 * console.assert(JSON.stringify(doc) === '{"Error":{"Code":"Throttling","Message":"Rate & burst"}}');
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
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch {
    throw new XmlParseError("The response is not well-formed XML.");
  }
  const tree = decodeTree(parsed);
  if (typeof tree !== "object" || Array.isArray(tree)) {
    throw new XmlParseError("The XML response has no root element.");
  }
  return tree;
}

/**
 * Follows `path` (element names) from `node`, taking the first of repeated elements;
 * returns the text there or `undefined`.
 *
 * @example
 * ```ts
 * import { parseXml, xmlText } from "./xml.ts";
 *
 * const doc = parseXml("<A><B><C>value</C></B></A>");
 * console.assert(xmlText(doc, ["A", "B", "C"]) === "value");
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
 * import { parseXml, xmlList } from "./xml.ts";
 *
 * const doc = parseXml("<R><Groups><member>a</member><member>b</member></Groups></R>");
 * console.assert(xmlList(doc, ["R", "Groups"], "member").length === 2);
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

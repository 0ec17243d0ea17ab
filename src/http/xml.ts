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

/** An element being read: its local name, child elements so far, and its text. */
interface OpenElement {
  name: string;
  children: { [name: string]: XmlNode | XmlNode[] } | undefined;
  text: string;
}

// A start or empty-element tag: name, attributes (skipped, quotes respected), `/`.
const START_TAG = /<([A-Za-z_][\w.:-]*)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

function addChild(parent: OpenElement, name: string, value: XmlNode): void {
  const children = parent.children ??= {};
  const existing = children[name];
  if (existing === undefined) children[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else children[name] = [existing, value];
}

function malformed(): XmlParseError {
  return new XmlParseError("The response is not well-formed XML.");
}

/**
 * Reads `text` in one pass into the {@linkcode XmlNode} tree: attributes, comments,
 * processing instructions and namespace prefixes dropped, text trimmed and its entities
 * decoded (CDATA kept as is), an element with child elements holding only those.
 */
function readTree(text: string): { [name: string]: XmlNode | XmlNode[] } {
  const root: OpenElement = { name: "", children: undefined, text: "" };
  const stack: OpenElement[] = [root];
  let position = 0;
  while (position < text.length) {
    const next = text.indexOf("<", position);
    const top = stack[stack.length - 1];
    if (next === -1 || next > position) {
      const chunk = text.slice(position, next === -1 ? undefined : next);
      if (stack.length === 1 && chunk.trim() !== "") throw malformed();
      top.text += decodeXmlText(chunk);
      if (next === -1) break;
      position = next;
    }
    if (text.startsWith("<!--", position) || text.startsWith("<?", position)) {
      const close = text.indexOf(text[position + 1] === "!" ? "-->" : "?>", position + 2);
      if (close === -1) throw malformed();
      position = close + (text[position + 1] === "!" ? 3 : 2);
    } else if (text.startsWith("<![CDATA[", position)) {
      const close = text.indexOf("]]>", position + 9);
      if (close === -1 || stack.length === 1) throw malformed();
      top.text += text.slice(position + 9, close);
      position = close + 3;
    } else if (text[position + 1] === "/") {
      END_TAG.lastIndex = position;
      const match = END_TAG.exec(text);
      if (match === null || stack.length === 1 || localName(match[1]) !== top.name) {
        throw malformed();
      }
      stack.pop();
      addChild(stack[stack.length - 1], top.name, top.children ?? top.text.trim());
      position = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = position;
      const match = START_TAG.exec(text);
      if (match === null || (stack.length === 1 && root.children !== undefined)) throw malformed();
      const name = localName(match[1]);
      if (match[2] === "/") addChild(top, name, "");
      else stack.push({ name, children: undefined, text: "" });
      position = START_TAG.lastIndex;
    }
  }
  if (stack.length !== 1 || root.children === undefined) throw malformed();
  return root.children;
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
  return readTree(text);
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

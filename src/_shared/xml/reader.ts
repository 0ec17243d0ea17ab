/**
 * A one-pass XML reader for the small, well-formed documents AWS services and identity
 * providers answer with. It knows elements, attributes, text, CDATA, comments and
 * processing instructions — and nothing of DTDs: callers refuse `<!DOCTYPE` / `<!ENTITY`
 * before reading, so no entity can be defined, expanded or fetched. Namespace prefixes
 * are dropped (local names only), as are namespace declarations. Linear in the input.
 *
 * @module
 */

/** An element: its local name, attributes (by local name, decoded), children and text. */
export interface XmlElement {
  /** The local name (prefix dropped). */
  readonly name: string;
  /** Attribute values by local name, entities decoded; `xmlns` declarations left out. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: XmlElement[];
  /** The element's own text (not its children's), entities decoded, CDATA as is. */
  text: string;
}

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

// A start or empty-element tag: name, attributes (quotes respected), `/`.
const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const NOT_WELL_FORMED = "not well-formed";
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** How deep elements may nest: AWS answers and SAML responses stay far below it. */
export const MAX_XML_DEPTH = 64;

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

function attributesOf(source: string): Record<string, string> {
  // No prototype: an attribute named `__proto__` or `constructor` is just a name here.
  const attributes: Record<string, string> = Object.create(null);
  if (source === "") return attributes;
  for (const [, name, double, single] of source.matchAll(ATTRIBUTE)) {
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    attributes[localName(name)] = decodeXmlText(double ?? single);
  }
  return attributes;
}

/**
 * Reads `text` into its root {@linkcode XmlElement}; anything not well-formed (a
 * mismatched or missing end tag, text or a second element outside the root, an unclosed
 * comment or CDATA section, an unquoted attribute) or nested deeper than
 * {@linkcode MAX_XML_DEPTH} throws `malformed(reason)`.
 *
 * @example
 * ```ts
 * import { readXmlElements } from "./reader.ts";
 * import { assert } from "@std/assert";
 *
 * const root = readXmlElements('<a:R xmlns:a="urn:x" id="1"><V>x &amp; y</V></a:R>', (reason) => new Error(reason));
 * assert(root.name === "R" && root.attributes.id === "1" && root.children[0].text === "x & y");
 * ```
 */
export function readXmlElements(
  text: string,
  malformed: (reason: string) => Error,
): XmlElement {
  const document: XmlElement = { name: "", attributes: {}, children: [], text: "" };
  const stack: XmlElement[] = [document];
  let position = 0;
  while (position < text.length) {
    const next = text.indexOf("<", position);
    const top = stack[stack.length - 1];
    if (next === -1 || next > position) {
      const chunk = text.slice(position, next === -1 ? undefined : next);
      if (stack.length === 1 && chunk.trim() !== "") throw malformed(NOT_WELL_FORMED);
      top.text += decodeXmlText(chunk);
      if (next === -1) break;
      position = next;
    }
    if (text.startsWith("<!--", position) || text.startsWith("<?", position)) {
      const comment = text[position + 1] === "!";
      const close = text.indexOf(comment ? "-->" : "?>", position + 2);
      if (close === -1) throw malformed(NOT_WELL_FORMED);
      position = close + (comment ? 3 : 2);
    } else if (text.startsWith("<![CDATA[", position)) {
      const close = text.indexOf("]]>", position + 9);
      if (close === -1 || stack.length === 1) throw malformed(NOT_WELL_FORMED);
      top.text += text.slice(position + 9, close);
      position = close + 3;
    } else if (text[position + 1] === "/") {
      END_TAG.lastIndex = position;
      const match = END_TAG.exec(text);
      if (match === null || stack.length === 1 || localName(match[1]) !== top.name) {
        throw malformed(NOT_WELL_FORMED);
      }
      stack.pop();
      position = END_TAG.lastIndex;
    } else {
      START_TAG.lastIndex = position;
      const match = START_TAG.exec(text);
      if (match === null || (stack.length === 1 && document.children.length > 0)) {
        throw malformed(NOT_WELL_FORMED);
      }
      const element = {
        name: localName(match[1]),
        attributes: attributesOf(match[2]),
        children: [],
        text: "",
      };
      top.children.push(element);
      if (match[3] !== "/") {
        if (stack.length > MAX_XML_DEPTH) throw malformed(`nested deeper than ${MAX_XML_DEPTH}`);
        stack.push(element);
      }
      position = START_TAG.lastIndex;
    }
  }
  if (stack.length !== 1 || document.children.length === 0) throw malformed(NOT_WELL_FORMED);
  return document.children[0];
}

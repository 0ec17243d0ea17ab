/**
 * The two bits of XML handling WS-Trust needs beyond `parseXml`: escaping values into a
 * request, and the namespaces an element inherits (to move a signed element elsewhere).
 *
 * @module
 */

import { escapeXml as escapeXmlText } from "../_shared/xml/escape.ts";

// XML 1.0 `Char`: no C0 controls but tab, line feed and carriage return, no U+FFFE/U+FFFF,
// no lone surrogates. Escaping cannot help these; a character reference to them is an error too.
const NOT_XML_CHAR =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `text` escaped for XML element content and attribute values. Throws a `TypeError` (that
 * does not quote `text`, which may be a password) when it holds a character XML 1.0 forbids.
 *
 * @example
 * ```ts
 * import { escapeXml } from "./_ws_trust_xml.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(escapeXml(`<a href="x">&'</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
 * ```
 */
export function escapeXml(text: string): string {
  if (NOT_XML_CHAR.test(text)) {
    throw new TypeError("A value holds a control character that XML cannot carry.");
  }
  return escapeXmlText(text);
}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)[\w.:-]+((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const DECLARATION = /\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The namespace declarations in scope at `position` of `xml` (the start of an element): those
 * of the elements still open there, inner ones winning. The default namespace has the key `""`.
 * For well-formed XML (checked before, e.g. by `parseXml`).
 *
 * @example
 * ```ts
 * import { namespacesInScope } from "./_ws_trust_xml.ts";
 * import { assert } from "@std/assert";
 *
 * const xml = '<a xmlns:p="urn:one"><b xmlns:q="urn:two"/><c xmlns:p="urn:three"><p:d/></c></a>';
 * const scope = namespacesInScope(xml, xml.indexOf("<p:d"));
 * assert(scope.get("p") === "urn:three" && !scope.has("q"));
 * ```
 */
export function namespacesInScope(xml: string, position: number): Map<string, string> {
  const open: Map<string, string>[] = [];
  for (const match of xml.slice(0, position).matchAll(TOKEN)) {
    const [tag, closing, attributes] = match;
    if (attributes === undefined) continue;
    if (closing) {
      open.pop();
      continue;
    }
    if (tag.endsWith("/>")) continue;
    const declared = new Map<string, string>();
    for (const [, prefix, double, single] of attributes.matchAll(DECLARATION)) {
      declared.set(prefix ?? "", double ?? single);
    }
    open.push(declared);
  }
  const scope = new Map<string, string>();
  for (const declared of open) for (const [prefix, uri] of declared) scope.set(prefix, uri);
  return scope;
}

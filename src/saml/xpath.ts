import { UnsupportedXPathError } from "./errors.ts";
import { decodeHtmlEntities, htmlTags } from "./_html_tags.ts";

/**
 * Reads one string out of an HTML page, or `undefined` when nothing matches.
 */
export type HtmlQuery = (html: string) => string | undefined;

// `//` (more slashes are the same descendant step), a name or `*`, an optional
// `[@attr="v"]` / `[@attr='v']`, then `/@attr` or `/text()`.
const SUBSET =
  /^\/\/+([A-Za-z_][\w:.-]*|\*)(?:\[\s*@([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*\])?\/(?:@([A-Za-z_][\w:.-]*)|(text)\(\))$/;

/**
 * Compiles Airflow's `saml_response_xpath` — the subset of XPath 1.0 that login pages
 * need — into a function over an HTML page. Supported, exactly:
 *
 * - `//tag[@attr="value"]/@other` and `//tag[@attr='value']/@other`: the `other` attribute
 *   of the first `tag` element whose `attr` equals `value` (Airflow's default is
 *   `//input[@name="SAMLResponse"]/@value`);
 * - `*` for any element (`//*[@name="SAMLResponse"]/@value`), and no predicate at all
 *   (`//tag/@attr`);
 * - `//tag/text()` and `//tag[@attr="value"]/text()`: the text right after the element's
 *   start tag, up to the next tag (a `<textarea>`'s whole content), entities decoded.
 *
 * Element and attribute names match case-insensitively, as HTML names do (so Airflow's
 * example `////INPUT[@NAME='SAMLResponse']/@VALUE` works; extra leading slashes mean the
 * same as `//`); values compare exactly. The first match in document order that has the
 * attribute wins, as Airflow takes the first node; the result is trimmed. Anything else —
 * positions, other axes, functions, several steps or predicates — throws
 * {@linkcode UnsupportedXPathError}. The page is scanned once (linear time).
 *
 * @example
 * ```ts
 * import { compileSamlXPath } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const query = compileSamlXPath("////INPUT[@NAME='SAMLResponse']/@VALUE");
 * const page = '<form><input type="hidden" name="SAMLResponse" value="PHg&#43;"></form>';
 * assertEquals(query(page), "PHg+");
 * ```
 */
export function compileSamlXPath(expression: string): HtmlQuery {
  const match = expression.trim().match(SUBSET);
  if (match === null) throw new UnsupportedXPathError(expression);
  const [, tag, predicateName, doubleQuoted, singleQuoted, attribute, text] = match;
  const element = tag === "*" ? undefined : tag.toLowerCase();
  const predicate = predicateName === undefined
    ? undefined
    : { name: predicateName.toLowerCase(), value: doubleQuoted ?? singleQuoted };
  const wanted = attribute?.toLowerCase();
  return (html) => {
    for (const found of matchingElements(html, element, text !== undefined)) {
      if (predicate && found.attributes.get(predicate.name) !== predicate.value) continue;
      const value = wanted === undefined ? found.text : found.attributes.get(wanted);
      if (value !== undefined) return value.trim();
    }
    return undefined;
  };
}

interface FoundElement {
  readonly attributes: ReadonlyMap<string, string>;
  readonly text?: string;
}

/**
 * The start tags named `name` (any when `undefined`), in document order. With `withText`,
 * each carries the text up to the next `<`; the scan then follows `html` itself (skipping
 * comments, `<script>` and `<style>` bodies as {@linkcode htmlTags} does) so it knows where
 * each tag ends.
 */
function* matchingElements(
  html: string,
  name: string | undefined,
  withText: boolean,
): Generator<FoundElement> {
  if (!withText) {
    for (const tag of htmlTags(html)) {
      if (!tag.end && (name === undefined || tag.name === name)) yield tag;
    }
    return;
  }
  const lower = html.toLowerCase();
  let at = 0;
  while (true) {
    const open = html.indexOf("<", at);
    if (open < 0) return;
    if (html.startsWith("<!--", open)) {
      const close = html.indexOf("-->", open + 4);
      if (close < 0) return;
      at = close + 3;
      continue;
    }
    const close = tagEnd(html, open + 1);
    if (close < 0) return;
    at = close + 1;
    const tag = htmlTags(html.slice(open, close + 1)).next().value;
    if (tag === undefined || tag.end) continue;
    if (tag.name === "script" || tag.name === "style" || tag.name === "textarea") {
      const closing = lower.indexOf(`</${tag.name}`, at);
      const textEnd = closing < 0 ? html.length : closing;
      if (name === undefined || tag.name === name) {
        const raw = html.slice(at, textEnd);
        yield {
          attributes: tag.attributes,
          text: tag.name === "textarea" ? decodeHtmlEntities(raw) : raw,
        };
      }
      at = textEnd;
      continue;
    }
    if (name !== undefined && tag.name !== name) continue;
    const next = html.indexOf("<", at);
    const text = html.slice(at, next < 0 ? html.length : next);
    yield { attributes: tag.attributes, text: decodeHtmlEntities(text) };
  }
}

/** The index of the `>` that ends the tag whose name starts at `from` (quotes respected). */
function tagEnd(html: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < html.length; i++) {
    const char = html[i];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (
      (char === '"' || char === "'") && /=\s*$/.test(html.slice(Math.max(from, i - 8), i))
    ) {
      quote = char;
    } else if (char === ">") {
      return i;
    }
  }
  return -1;
}

/**
 * A small HTML tag tokenizer: enough to find forms and their fields in an IdP's login page,
 * with no DOM. It walks the text once — comments, `<script>`/`<style>` bodies and
 * `<textarea>` contents are skipped by searching forward — so it takes linear time on any
 * input, including 10 MB of hostile markup. An unterminated tag ends the scan.
 *
 * @module
 */

/** A start or end tag: its lower-case name, attributes (lower-case names, decoded values). */
export interface HtmlTag {
  /** The tag name, lower case, e.g. `input`. */
  readonly name: string;
  /** Whether this is an end tag (`</form>`). */
  readonly end: boolean;
  /** The attributes; the first of repeated names wins, as in browsers. */
  readonly attributes: ReadonlyMap<string, string>;
  /** For `<textarea>`: its decoded text content. */
  readonly text?: string;
}

const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp"]);

/** Yields the tags of `html` in document order. */
export function* htmlTags(html: string): Generator<HtmlTag> {
  let at = 0;
  while (true) {
    const open = html.indexOf("<", at);
    if (open < 0 || open + 1 >= html.length) return;
    if (html.startsWith("<!--", open)) {
      const close = html.indexOf("-->", open + 4);
      if (close < 0) return;
      at = close + 3;
      continue;
    }
    const end = html[open + 1] === "/";
    const nameStart = open + (end ? 2 : 1);
    let nameEnd = nameStart;
    while (nameEnd < html.length && /[A-Za-z0-9-]/.test(html[nameEnd])) nameEnd++;
    if (nameEnd === nameStart || !/[A-Za-z]/.test(html[nameStart])) {
      // `<!doctype>`, `<?xml?>`, `< ` or a stray `<`: skip to the next `>`.
      const close = html.indexOf(">", open + 1);
      if (close < 0) return;
      at = close + 1;
      continue;
    }
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const parsed = readAttributes(html, nameEnd);
    if (parsed === undefined) return;
    at = parsed.next;
    if (!end && RAW_TEXT.has(name)) {
      const closing = new RegExp(`</${name}`, "gi");
      closing.lastIndex = at;
      const found = closing.exec(html);
      const textEnd = found === null ? html.length : found.index;
      const text = name === "textarea" ? decodeHtmlEntities(html.slice(at, textEnd)) : undefined;
      yield { name, end, attributes: parsed.attributes, ...(text === undefined ? {} : { text }) };
      at = textEnd;
      continue;
    }
    yield { name, end, attributes: parsed.attributes };
  }
}

/** Reads attributes from `from` up to the tag's `>`; `undefined` when the tag never closes. */
function readAttributes(
  html: string,
  from: number,
): { attributes: Map<string, string>; next: number } | undefined {
  const attributes = new Map<string, string>();
  let i = from;
  while (i < html.length) {
    const char = html[i];
    if (char === ">") return { attributes, next: i + 1 };
    if (/[\s/]/.test(char)) {
      i++;
      continue;
    }
    let nameEnd = i;
    while (nameEnd < html.length && !/[\s/>=]/.test(html[nameEnd])) nameEnd++;
    const name = html.slice(i, nameEnd).toLowerCase();
    i = nameEnd;
    while (i < html.length && /\s/.test(html[i])) i++;
    let value = "";
    if (html[i] === "=") {
      i++;
      while (i < html.length && /\s/.test(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close < 0) return undefined;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else {
        let valueEnd = i;
        while (valueEnd < html.length && !/[\s>]/.test(html[valueEnd])) valueEnd++;
        value = html.slice(i, valueEnd);
        i = valueEnd;
      }
    }
    if (name !== "" && !attributes.has(name)) attributes.set(name, decodeHtmlEntities(value));
  }
  return undefined;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** Decodes numeric character references and the common named entities of `text`. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});?/g,
    (entity, name: string) => {
      if (name.startsWith("#")) {
        const hex = name[1] === "x" || name[1] === "X";
        const code = parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    },
  );
}

/**
 * The HTTP layer's own XML reader against fast-xml-parser (which it replaced, to keep
 * the STS bundle small) on random documents shaped like AWS responses, and on hostile
 * input: every malformed document is an `XmlParseError`, never a crash or a hang.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import {
  decodeXmlText,
  MAX_XML_BYTES,
  parseXml,
  XmlParseError,
} from "../../src/_shared/xml/parse.ts";
import { assertFinishesInTime } from "../finishes_in_time.ts";

const reference = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
});

function referenceTree(node: unknown): unknown {
  if (typeof node === "string") return decodeXmlText(node);
  if (Array.isArray(node)) return node.map(referenceTree);
  if (node === null || typeof node !== "object") return String(node ?? "");
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, referenceTree(v)]));
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

type Element = { name: string; prefix: string; attributes: string; content: string | Element[] };

const elementName = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/);
// Characters XML 1.0 cannot carry (controls, lone surrogates) are left out of the texts.
const textValue = fc.string({ maxLength: 12 }).filter((t) =>
  [...t].every((char) => {
    const code = char.codePointAt(0)!;
    return (code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd) &&
      (code < 0xd800 || code > 0xdfff) && code !== 0xfffe && code !== 0xffff;
  })
);
const element: fc.Memo<Element> = fc.memo((depth) =>
  fc.record({
    name: elementName,
    prefix: fc.constantFrom("", "ns:", "a:"),
    attributes: fc.constantFrom(
      "",
      ' xmlns="https://sts.amazonaws.com/doc/2011-06-15/"',
      " a='1' b=\"x>y\"",
    ),
    content: depth <= 1
      ? textValue.map((t) => ` ${t} `)
      : fc.oneof(textValue, fc.array(element(depth - 1), { minLength: 1, maxLength: 4 })),
  })
);

function serialize(e: Element): string {
  const body = typeof e.content === "string"
    ? escape(e.content)
    : e.content.map((child) => serialize(child) + "<!-- c -->\n").join("");
  return `<${e.prefix}${e.name}${e.attributes}>${body}</${e.prefix}${e.name}>`;
}

Deno.test("parseXml reads random AWS-shaped documents as fast-xml-parser does", () => {
  fc.assert(
    fc.property(element(4), (root) => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root)}\n`;
      assert.deepEqual(parseXml(xml), referenceTree(reference.parse(xml)));
    }),
    { numRuns: 2_000 },
  );
});

Deno.test("parseXml reads CDATA, empty elements and repeated members", () => {
  const doc = parseXml(
    "<R><A><![CDATA[x < &amp; y]]></A><E/><E></E><L><member>1</member><member>2</member></L></R>",
  );
  assert.deepEqual(doc, { R: { A: "x < &amp; y", E: ["", ""], L: { member: ["1", "2"] } } });
});

Deno.test("parseXml refuses malformed, oversized and DOCTYPE documents with XmlParseError", () => {
  const hostile = [
    "",
    "plain text",
    "<A>",
    "<A></B>",
    "<A><B></A></B>",
    "</A>",
    "<A/><B/>",
    "<A></A>trailing",
    "<A><!-- unclosed</A>",
    "<A><![CDATA[ unclosed</A>",
    "<A b=unquoted></A>",
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><A>&lol2;</A>',
    '<?xml version="1.0"?><!DOCTYPE A SYSTEM "file:///etc/passwd"><A>&xxe;</A>',
    `<A>${"x".repeat(MAX_XML_BYTES)}</A>`,
  ];
  for (const text of hostile) {
    assert.throws(() => parseXml(text), XmlParseError, text.slice(0, 40));
  }
});

Deno.test("parseXml stays linear on many siblings and refuses deep nesting with a typed error", async () => {
  const deep = "<A>".repeat(50_000) + "</A>".repeat(50_000);
  const wide = "<R>" + "<member>x</member>".repeat(50_000) + "</R>";
  await assertFinishesInTime("50,000 deep and 50,000 wide", () => {
    assert.throws(() => parseXml(deep), XmlParseError);
    assert.equal((parseXml(wide).R as { member: string[] }).member.length, 50_000);
  });
});

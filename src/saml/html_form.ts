import { htmlTags } from "./_html_tags.ts";

/**
 * An HTML form as a browser would submit it (before the user types anything).
 */
export interface HtmlForm {
  /** Where the form submits to, resolved against the page's URL (the page itself when absent). */
  action: URL;
  /** `GET` or `POST`, upper case (`GET` when absent or unknown, as in browsers). */
  method: string;
  /**
   * The successful controls in document order as `[name, value]`: `<input>`s (hidden ones
   * included; checkboxes and radios only when `checked`), `<textarea>`s and `<select>`s (the
   * selected option, else the first). Submit, reset, button, image and file inputs are left
   * out: a browser sends a submit button only when it is the one clicked.
   */
  fields: [string, string][];
  /** The form's `id` attribute. */
  id?: string;
  /** The form's `name` attribute. */
  name?: string;
}

const NOT_SUBMITTED = new Set(["submit", "reset", "button", "image", "file"]);

/**
 * Finds the forms of an HTML page without a DOM: a single linear scan (bounded time on
 * hostile or huge pages), no script execution. Fields outside any form are ignored; a
 * `<form>` inside another is ignored, as HTML parsers do.
 *
 * @param html The page.
 * @param baseUrl The page's URL, to resolve relative `action`s.
 *
 * @example
 * ```ts
 * import { parseHtmlForms } from "@iamfetch/iamfetch/saml";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const [form] = parseHtmlForms(
 *   '<form method="post" action="/login?x=1&amp;y=2"><input type="hidden" name="csrf" value="abc">' +
 *     '<input name="username"><input type="submit" value="Go"></form>',
 *   "https://idp.example.com/start",
 * );
 * assertEquals(form.action.href, "https://idp.example.com/login?x=1&y=2");
 * assert(form.method === "POST" && form.fields.length === 2);
 * ```
 */
export function parseHtmlForms(html: string, baseUrl: string | URL): HtmlForm[] {
  const forms: HtmlForm[] = [];
  let form: HtmlForm | undefined;
  let select: { name: string; first?: string; selected?: string } | undefined;
  const closeSelect = () => {
    const value = select?.selected ?? select?.first;
    if (form !== undefined && select !== undefined && value !== undefined) {
      form.fields.push([select.name, value]);
    }
    select = undefined;
  };
  for (const tag of htmlTags(html)) {
    const attr = (name: string) => tag.attributes.get(name);
    if (tag.name === "form") {
      if (tag.end) {
        closeSelect();
        form = undefined;
      } else if (form === undefined) {
        form = newForm(attr, baseUrl);
        forms.push(form);
      }
      continue;
    }
    if (form === undefined || tag.end) {
      if (tag.name === "select" && tag.end) closeSelect();
      continue;
    }
    const name = attr("name");
    if (tag.name === "select") {
      closeSelect();
      if (name !== undefined && !tag.attributes.has("disabled")) select = { name };
    } else if (tag.name === "option" && select !== undefined) {
      const value = attr("value") ?? "";
      select.first ??= value;
      if (tag.attributes.has("selected")) select.selected ??= value;
    } else if (name === undefined || name === "" || tag.attributes.has("disabled")) {
      continue;
    } else if (tag.name === "textarea") {
      form.fields.push([name, tag.text ?? ""]);
    } else if (tag.name === "input") {
      const type = (attr("type") ?? "text").toLowerCase();
      if (NOT_SUBMITTED.has(type)) continue;
      if ((type === "checkbox" || type === "radio") && !tag.attributes.has("checked")) continue;
      form.fields.push([
        name,
        attr("value") ?? (type === "checkbox" || type === "radio" ? "on" : ""),
      ]);
    }
  }
  closeSelect();
  return forms;
}

function newForm(attr: (name: string) => string | undefined, baseUrl: string | URL): HtmlForm {
  const base = new URL(baseUrl);
  const actionText = attr("action")?.trim();
  let action: URL;
  try {
    action = actionText ? new URL(actionText, base) : base;
  } catch {
    action = base;
  }
  const method = attr("method")?.toUpperCase() === "POST" ? "POST" : "GET";
  const form: HtmlForm = { action, method, fields: [] };
  const id = attr("id");
  const name = attr("name");
  if (id !== undefined) form.id = id;
  if (name !== undefined) form.name = name;
  return form;
}

/**
 * The value of the first `<input name="SAMLResponse">` of a page (the auto-submitting form
 * an IdP sends the browser to post the assertion to AWS), entities decoded; `undefined`
 * when there is none.
 *
 * @example
 * ```ts
 * import { findSamlResponse } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const html = '<form action="https://signin.aws.amazon.com/saml" method="post">' +
 *   '<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNl&#x2b;Lz4=" /></form>';
 * assertEquals(findSamlResponse(html), "PHNhbWxwOlJlc3BvbnNl+Lz4=");
 * ```
 */
export function findSamlResponse(html: string): string | undefined {
  for (const tag of htmlTags(html)) {
    if (tag.name === "input" && !tag.end && tag.attributes.get("name") === "SAMLResponse") {
      return tag.attributes.get("value")?.trim();
    }
  }
  return undefined;
}

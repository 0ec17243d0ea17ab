/**
 * The few browser APIs the page uses, typed here: the repository's examples are
 * type-checked with Deno's lib, which has no DOM, and turning the DOM lib on (`/// <reference
 * lib="dom" />`) would apply it to every file checked alongside. In a project of your own
 * with `"lib": ["dom"]`, use `document` and `XMLHttpRequest` directly.
 *
 * @module
 */

/** The members of the page's elements (`<input>`, `<progress>`, `<a>`, …) that the app uses. */
export interface PageElement {
  textContent: string | null;
  hidden: boolean;
  disabled: boolean;
  value: number;
  href: string;
  readonly files: ArrayLike<File> | null;
  readonly classList: { add(name: string): void; remove(name: string): void };
  addEventListener(type: "submit", listener: (event: Event) => void): void;
}

/** The element with `id`; throws when the page has none. */
export function byId(id: string): PageElement {
  const { document } = globalThis as unknown as {
    document: { getElementById(id: string): PageElement | null };
  };
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The page has no element #${id}.`);
  return element;
}

/** The query string of the page's URL. */
export function pageParams(): URLSearchParams {
  return new URLSearchParams((globalThis as unknown as { location: Location }).location.search);
}

/** The members of `XMLHttpRequest` that a PUT with upload progress uses. */
export interface UploadRequest {
  open(method: "PUT", url: string): void;
  readonly upload: {
    onprogress:
      | ((event: { lengthComputable: boolean; loaded: number; total: number }) => void)
      | null;
  };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  readonly status: number;
  readonly responseText: string;
  getResponseHeader(name: string): string | null;
  send(body: Blob): void;
}

/** A new `XMLHttpRequest`. */
export function newUploadRequest(): UploadRequest {
  const { XMLHttpRequest } = globalThis as unknown as { XMLHttpRequest: new () => UploadRequest };
  return new XMLHttpRequest();
}

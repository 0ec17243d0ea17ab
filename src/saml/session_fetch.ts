import { CookieJar } from "./cookie_jar.ts";
import { SamlLoginError } from "./errors.ts";
import { limitResponseBody } from "./_limit_response_body.ts";
import { redactUrl } from "./redact.ts";
import type { SamlDebugLog } from "./adapter.ts";

/**
 * A `fetch` that keeps cookies and follows redirects itself; `cookies` is its jar.
 *
 * @example
 * ```ts
 * import { sessionFetch, type SessionFetch } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const idp: SessionFetch = sessionFetch();
 * assertEquals(idp.cookies.all().length, 0);
 * ```
 */
export type SessionFetch = typeof fetch & { readonly cookies: CookieJar };

/**
 * Options of {@linkcode sessionFetch}.
 */
export interface SessionFetchOptions {
  /** The most redirects one call follows before failing. Default: 10. */
  maxRedirects?: number;
  /** The largest response body one call may return. Default: 5 MiB (login pages are smaller). */
  maxBodyBytes?: number;
  /** Opt-in debug log: one redacted line per request (`GET https://… -> 302 https://…`). */
  log?: SamlDebugLog;
  /** The adapter name its errors carry (`SamlLoginError.adapter`). Default: `session`. */
  adapter?: string;
  /** The jar to use, e.g. one shared by several fetches. Default: a new, empty one. */
  cookies?: CookieJar;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const BODY_HEADERS = ["content-type", "content-length", "content-encoding", "content-language"];

/**
 * Wraps `base` in a browser-like session for an IdP login: a cookie jar (domain, path,
 * secure and expiry rules; see {@linkcode CookieJar}) and manual redirect following, with
 * rules that keep secrets on their origin:
 *
 * - 301/302 after a POST, and 303, continue as a GET without the body (as browsers do);
 *   307/308 repeat the method and body.
 * - A 307/308 that would re-send a body (a password, say) to another origin, or any
 *   redirect to another origin while the request carries an `Authorization` header, throws
 *   `SamlLoginError` instead. (The fetch standard re-sends such a body and silently drops
 *   `Authorization`; a login library should rather stop and say so.) A `Cookie` header the
 *   caller set is dropped on a cross-origin redirect; the jar's cookies follow their own
 *   domain rules.
 * - More than `maxRedirects` redirects, a `Location` that is not http(s), or a body larger
 *   than `maxBodyBytes` throw `SamlLoginError`.
 *
 * `redirect: "manual"` returns the redirect response (its cookies stored); `"error"`
 * rejects with a `TypeError` on a redirect, as `fetch` does. The returned response's `url`
 * is the final URL. In a browser, which hides redirects from `fetch` and keeps its own
 * cookies, a redirected GET is sent again for the browser to follow, and other redirected
 * requests are refused.
 *
 * @param base The fetch that reaches the IdP (mutual TLS, a proxy, a test double, ...).
 *   Default: the global `fetch`.
 * @param options Redirect and size limits, the debug log and the adapter name for errors.
 *
 * @example
 * ```ts
 * import { sessionFetch } from "@iamfetch/iamfetch/saml";
 * import { assert } from "@std/assert";
 *
 * const pages: Record<string, Response> = {
 *   "https://idp.example.com/start": new Response(null, {
 *     status: 302,
 *     headers: { location: "/login", "set-cookie": "sid=s1; Path=/" },
 *   }),
 *   "https://idp.example.com/login": new Response("<form></form>"),
 * };
 * const seen: (string | null)[] = [];
 * const idp = sessionFetch((input, init) => {
 *   seen.push(new Headers(init?.headers).get("cookie"));
 *   return Promise.resolve(pages[String(input)]);
 * });
 * const page = await idp("https://idp.example.com/start");
 * assert(page.url === "https://idp.example.com/login" && seen[1] === "sid=s1");
 * ```
 */
export function sessionFetch(
  base: typeof fetch = (input, init) => fetch(input, init),
  options: SessionFetchOptions = {},
): SessionFetch {
  const jar = options.cookies ?? new CookieJar();
  const maxRedirects = options.maxRedirects ?? 10;
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const adapter = options.adapter ?? "session";
  const log = options.log;

  async function send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    let url = new URL(request.url);
    let method = request.method;
    const headers = new Headers(request.headers);
    let body = request.body === null ? undefined : await request.arrayBuffer();
    for (let redirects = 0;; redirects++) {
      const sent = new Headers(headers);
      const jarCookies = jar.cookieHeader(url);
      const own = sent.get("cookie");
      if (jarCookies !== undefined) sent.set("cookie", own ? `${own}; ${jarCookies}` : jarCookies);
      const response = await base(url.href, {
        method,
        headers: sent,
        body,
        redirect: "manual",
        signal: request.signal,
      });
      if (response.type === "opaqueredirect") {
        return await followHiddenRedirect(base, url, method, sent, request, adapter, maxBodyBytes);
      }
      jar.storeFrom(url, response.headers);
      const location = response.headers.get("location");
      const redirect = REDIRECTS.has(response.status) && location !== null;
      log?.(
        `${method} ${redactUrl(url)} -> ${response.status}${
          redirect ? ` ${safeTarget(location, url)}` : ""
        }`,
      );
      if (!redirect || request.redirect === "manual") {
        return limitResponseBody(response, url, maxBodyBytes, adapter);
      }
      await response.body?.cancel();
      if (request.redirect === "error") {
        throw new TypeError(`Fetch to ${redactUrl(url)} was redirected with redirect: "error".`);
      }
      if (redirects >= maxRedirects) {
        throw new SamlLoginError(
          adapter,
          `${url.origin} redirected more than ${maxRedirects} times (a redirect loop?); ` +
            "check the login URL.",
          { status: response.status },
        );
      }
      const next = redirectTarget(location, url, adapter);
      if (
        response.status === 303 ? method !== "HEAD" : response.status <= 302 && method === "POST"
      ) {
        method = "GET";
        body = undefined;
        for (const name of BODY_HEADERS) headers.delete(name);
      }
      if (next.origin !== url.origin) {
        refuseSecretsAcrossOrigins(url, next, body !== undefined, headers, adapter);
        headers.delete("cookie");
      }
      url = next;
    }
  }
  return Object.assign(send, { cookies: jar });
}

/**
 * Browsers hide a manual redirect (an `opaqueredirect` response: no status, no `Location`)
 * and keep cookies themselves. There, a GET or HEAD without `Authorization` is sent again
 * with the browser following the redirect (its own cookie and CORS rules apply); anything
 * else is refused, since where a body or credentials would go cannot be checked.
 */
async function followHiddenRedirect(
  base: typeof fetch,
  url: URL,
  method: string,
  headers: Headers,
  request: Request,
  adapter: string,
  maxBodyBytes: number,
): Promise<Response> {
  if ((method !== "GET" && method !== "HEAD") || headers.has("authorization")) {
    throw new SamlLoginError(
      adapter,
      `${url.origin} redirected a ${method} request, and this runtime hides where to; ` +
        "refusing to let it carry credentials. Use a login URL that answers without a redirect.",
    );
  }
  if (request.redirect === "manual") {
    return await base(url.href, { method, headers, redirect: "manual" });
  }
  const response = await base(url.href, {
    method,
    headers,
    redirect: request.redirect,
    signal: request.signal,
  });
  return await limitResponseBody(
    response,
    new URL(response.url || url.href),
    maxBodyBytes,
    adapter,
  );
}

function redirectTarget(location: string, from: URL, adapter: string): URL {
  let next: URL | undefined;
  try {
    next = new URL(location, from);
  } catch {
    next = undefined;
  }
  if (next === undefined || (next.protocol !== "https:" && next.protocol !== "http:")) {
    throw new SamlLoginError(
      adapter,
      `${from.origin} redirected to a location that is not an http(s) URL; check the login URL.`,
    );
  }
  return next;
}

function refuseSecretsAcrossOrigins(
  from: URL,
  to: URL,
  hasBody: boolean,
  headers: Headers,
  adapter: string,
): void {
  const what = hasBody
    ? "the request body"
    : headers.has("authorization")
    ? "the Authorization header"
    : undefined;
  if (what === undefined) return;
  throw new SamlLoginError(
    adapter,
    `${from.origin} redirected to another origin (${to.origin}) with ${what}; refusing to ` +
      "send credentials across origins. Point the login at the IdP's final origin.",
  );
}

function safeTarget(location: string, from: URL): string {
  try {
    return redactUrl(new URL(location, from));
  } catch {
    return "(invalid Location)";
  }
}

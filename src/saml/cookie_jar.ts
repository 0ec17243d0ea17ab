/**
 * One stored cookie.
 */
export interface Cookie {
  /** The cookie's name. */
  readonly name: string;
  /** The cookie's value. */
  readonly value: string;
  /** The host (`hostOnly`) or the domain and its subdomains it is sent to, lower case. */
  readonly domain: string;
  /** Whether it goes only to exactly `domain` (no `Domain` attribute was given). */
  readonly hostOnly: boolean;
  /** It is sent to this path and the paths below it. */
  readonly path: string;
  /** Whether it is sent only over `https:`. */
  readonly secure: boolean;
  /** When it expires, in milliseconds since the epoch; absent for a session cookie. */
  readonly expires?: number;
}

/** Cookies longer than this (name and value) are ignored, as browsers do. */
const MAX_COOKIE_LENGTH = 4096;
/** The jar keeps at most this many cookies, dropping the oldest. */
const MAX_COOKIES = 300;

/**
 * A cookie store following RFC 6265's rules for the parts that matter to a login: `Domain`
 * (host-only unless given; must domain-match the setting host; never on an IP address),
 * `Path` (default: the request path's directory), `Secure` (sent only over https, and — as
 * RFC 6265bis — not settable from plain http; loopback hosts count as secure, as in
 * browsers), `Max-Age` over `Expires`, and replacement by
 * name + domain + path. Unlike a browser it has no public-suffix list; instead it refuses
 * `Domain` values without a dot (`com`), which covers top-level domains but not `co.uk`.
 *
 * @example
 * ```ts
 * import { CookieJar } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const jar = new CookieJar();
 * jar.store(new URL("https://idp.example.com/login"), "sid=abc; Path=/; Secure; HttpOnly");
 * assertEquals(jar.cookieHeader(new URL("https://idp.example.com/app")), "sid=abc");
 * assertEquals(jar.cookieHeader(new URL("https://other.example.com/")), undefined);
 * ```
 */
export class CookieJar {
  #cookies: Cookie[] = [];
  readonly #now: () => number;

  /** Creates an empty jar; `now` is the clock for expiry (default `Date.now`). */
  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  /** Stores every `Set-Cookie` header of a response from `url`. */
  storeFrom(url: URL, headers: Headers): void {
    for (const setCookie of headers.getSetCookie()) this.store(url, setCookie);
  }

  /** Stores one `Set-Cookie` header value received from `url`; invalid ones are ignored. */
  store(url: URL, setCookie: string): void {
    if (setCookie.length > MAX_COOKIE_LENGTH) return;
    const [pair, ...attributeTexts] = setCookie.split(";");
    const equals = pair.indexOf("=");
    if (equals < 0) return;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (name === "" || hasControlCharacter(name + value)) return;
    const host = url.hostname.toLowerCase();
    let domain: string | undefined;
    let path: string | undefined;
    let secure = false;
    let maxAge: number | undefined;
    let expires: number | undefined;
    for (const text of attributeTexts) {
      const split = text.indexOf("=");
      const key = (split < 0 ? text : text.slice(0, split)).trim().toLowerCase();
      const arg = split < 0 ? "" : text.slice(split + 1).trim();
      if (key === "domain" && arg !== "") domain = arg.replace(/^\./, "").toLowerCase();
      else if (key === "path") path = arg.startsWith("/") ? arg : undefined;
      else if (key === "secure") secure = true;
      else if (key === "max-age" && /^-?\d+$/.test(arg)) maxAge = Number(arg);
      else if (key === "expires") {
        const time = Date.parse(arg);
        if (!Number.isNaN(time)) expires = time;
      }
    }
    if (domain !== undefined) {
      if (isIpAddress(host) ? domain !== host : !domainMatches(host, domain)) return;
      if (!domain.includes(".") && domain !== host) return;
    }
    if (secure && !isTrustworthy(url)) return;
    const now = this.#now();
    const expiry = maxAge !== undefined ? now + maxAge * 1000 : expires;
    const cookie: Cookie = {
      name,
      value,
      domain: domain ?? host,
      hostOnly: domain === undefined || domain === host && isIpAddress(host),
      path: path ?? defaultPath(url.pathname),
      secure,
      ...(expiry === undefined ? {} : { expires: expiry }),
    };
    this.#cookies = this.#cookies.filter((c) =>
      !(c.name === name && c.domain === cookie.domain && c.path === cookie.path)
    );
    if (expiry !== undefined && expiry <= now) return;
    this.#cookies.push(cookie);
    if (this.#cookies.length > MAX_COOKIES) this.#cookies.shift();
  }

  /** The unexpired cookies a request to `url` carries, longest path first. */
  cookiesFor(url: URL): Cookie[] {
    const now = this.#now();
    this.#cookies = this.#cookies.filter((c) => c.expires === undefined || c.expires > now);
    const host = url.hostname.toLowerCase();
    return this.#cookies
      .filter((c) =>
        (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)) &&
        pathMatches(url.pathname, c.path) && (!c.secure || isTrustworthy(url))
      )
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** The `Cookie` header for a request to `url`, or `undefined` when no cookie applies. */
  cookieHeader(url: URL): string | undefined {
    const cookies = this.cookiesFor(url);
    return cookies.length === 0 ? undefined : cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  }

  /** Every unexpired cookie in the jar. */
  all(): Cookie[] {
    const now = this.#now();
    return this.#cookies.filter((c) => c.expires === undefined || c.expires > now);
  }

  /** Forgets every cookie. */
  clear(): void {
    this.#cookies = [];
  }
}

/** https, or plain http to a loopback host: browsers' "potentially trustworthy" origins. */
function isTrustworthy(url: URL): boolean {
  return url.protocol === "https:" ||
    /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname.toLowerCase());
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isIpAddress(host: string): boolean {
  return host.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

function domainMatches(host: string, domain: string): boolean {
  return host === domain || (host.endsWith(`.${domain}`) && !isIpAddress(host));
}

function defaultPath(pathname: string): string {
  const slash = pathname.lastIndexOf("/");
  return slash <= 0 ? "/" : pathname.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

import { defaultPlatform } from "../../../credentials/platform/default.ts";
import type { LoopbackServer, Platform } from "../../../credentials/platform/types.ts";
import { readBoundedText } from "../../../_shared/bounded_body.ts";
import { base64Url } from "../../../_shared/bytes/base64.ts";
import { timingSafeEqual } from "../../../_shared/constant_time.ts";
import { SamlLoginError } from "../../errors.ts";
import type { SamlAdapter } from "../../adapter.ts";

/**
 * Options of {@linkcode browserAdapter}, named after the Redshift drivers'
 * `BrowserSamlCredentialsProvider` settings.
 */
export interface BrowserAdapterOptions {
  /**
   * Redshift's `login_url`: the IdP page that starts the sign-on for AWS. Each login adds a
   * fresh, unguessable `RelayState` to it (see `relayStateParameter`), which the IdP must post
   * back with the `SAMLResponse`; where it belongs inside another value (ADFS's
   * `RelayState=RPID%3D…%26RelayState%3D{relayState}`), write `{relayState}` in the URL.
   */
  readonly loginUrl: string;
  /**
   * The query parameter that carries the per-login relay state to the IdP when `loginUrl` has
   * no `{relayState}`: `RelayState` (Okta, Azure AD, SimpleSAMLphp, Keycloak) by default;
   * PingFederate's `startSSO.ping` takes `TargetResource`.
   */
  readonly relayStateParameter?: string;
  /**
   * The origins the IdP's form may post from (the browser's `Origin` header), besides
   * `loginUrl`'s own: e.g. `https://login.microsoftonline.com` when `loginUrl` is a
   * `myapps.microsoft.com` link.
   */
  readonly idpOrigins?: readonly string[];
  /**
   * Redshift's `listen_port`: the port on 127.0.0.1 the IdP posts the `SAMLResponse` to
   * (the IdP's assertion consumer URL for this app is `http://localhost:<port>/`). Default 7890.
   */
  readonly listenPort?: number;
  /** Redshift's `idp_response_timeout`, in milliseconds. Default 120000 (two minutes). */
  readonly timeoutMs?: number;
  /** Provides the loopback server and the browser; default `defaultPlatform()` (Deno's). */
  readonly platform?: Platform;
}

const ADAPTER = "browser";
const MAX_POST_BYTES = 1024 * 1024;
const PAGE_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };

/**
 * An adapter that lets the user sign in in their own browser (any IdP, any MFA): it listens
 * on `127.0.0.1:listenPort`, opens `loginUrl` with `platform.openUrl` (or prints it to the
 * console when the platform cannot open a browser), and waits for the IdP's form POST of the
 * `SAMLResponse` (`application/x-www-form-urlencoded`), answering it with a page that says
 * the window may be closed.
 *
 * Any web page the user has open can post a form to `127.0.0.1`, so only the login this
 * listener started is taken: the POST must come from the IdP's origin (`loginUrl`'s, or one of
 * `idpOrigins`, by the browser's `Origin` header), to the listener's own host, and carry back
 * the `RelayState` this login sent (16 random bytes). Anything else is answered 403 and the
 * wait goes on: an attacker's own signed assertion cannot become the user's session (login
 * CSRF). Other requests get a 4xx answer and do not end the wait either. After
 * `timeoutMs` without a `SAMLResponse` it fails with `SamlLoginError`; the listener is always
 * closed. Needs a platform with `serveLoopback`: Deno's (`--allow-net`, `--allow-run`), Node's
 * or Bun's; not a Worker's or a browser's.
 *
 * The IdP's own page does the sign-in, so `username`, `password` and `mfa` are not used.
 *
 * @example
 * ```ts
 * import { browserAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const adapter = browserAdapter({ loginUrl: "https://example.okta.com/home/amazon_aws/0oa1/272" });
 * assertEquals(adapter.name, "browser");
 * ```
 */
export function browserAdapter(options: BrowserAdapterOptions): SamlAdapter {
  const origins = new Set([
    new URL(options.loginUrl.replaceAll("{relayState}", "")).origin,
    ...(options.idpOrigins ?? []).map((origin) => new URL(origin).origin),
  ]);
  const port = options.listenPort ?? 7890;
  const timeoutMs = options.timeoutMs ?? 120_000;
  return {
    name: ADAPTER,
    async getSamlResponse(context) {
      const relayState = base64Url(crypto.getRandomValues(new Uint8Array(16)));
      const loginUrl = withRelayState(options, relayState);
      const expected = { origins, relayState, port };
      const platform = options.platform ?? defaultPlatform();
      if (platform.serveLoopback === undefined) {
        throw new SamlLoginError(
          ADAPTER,
          "The browser adapter needs a platform that can listen on 127.0.0.1 (Deno, Node or Bun); " +
            "use another adapter here.",
        );
      }
      // Built by hand: Promise.withResolvers is missing before Node 22.
      let resolveReceived: (samlResponse: string) => void = () => {};
      const received = new Promise<string>((resolve) => resolveReceived = resolve);
      let server: LoopbackServer;
      try {
        server = await platform.serveLoopback(port, async (request) => {
          const answer = await samlPost(request, expected);
          if (typeof answer === "string") {
            resolveReceived(answer);
            return new Response(DONE_PAGE, { status: 200, headers: PAGE_HEADERS });
          }
          return answer;
        });
      } catch (cause) {
        throw new SamlLoginError(
          ADAPTER,
          `Could not listen on 127.0.0.1:${port} (${(cause as Error)?.name ?? "error"}); ` +
            "close what uses it, or set listenPort to another port the IdP posts to.",
          { cause },
        );
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort = () => {};
      const stopped = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new SamlLoginError(
                ADAPTER,
                `No SAMLResponse reached http://127.0.0.1:${server.port}/ within ` +
                  `${timeoutMs / 1000} s; finish signing in in the browser sooner, raise ` +
                  "timeoutMs, or check that the IdP posts to this port.",
              ),
            ),
          timeoutMs,
        );
        onAbort = () => reject(context.signal?.reason);
        if (context.signal?.aborted) onAbort();
        context.signal?.addEventListener("abort", onAbort, { once: true });
      });
      try {
        context.log?.(`browser: waiting for the IdP's POST on http://127.0.0.1:${server.port}/`);
        await Promise.race([openBrowser(platform, loginUrl), stopped]);
        return await Promise.race([received, stopped]);
      } finally {
        clearTimeout(timer);
        context.signal?.removeEventListener("abort", onAbort);
        stopped.catch(() => {});
        await server.close();
      }
    },
  };
}

/** What the one POST this login waits for must show. */
interface ExpectedPost {
  origins: ReadonlySet<string>;
  relayState: string;
  port: number;
}

/** `loginUrl` with this login's relay state: in place of `{relayState}`, else as a parameter. */
function withRelayState(options: BrowserAdapterOptions, relayState: string): string {
  if (options.loginUrl.includes("{relayState}")) {
    return new URL(options.loginUrl.replaceAll("{relayState}", relayState)).href;
  }
  const url = new URL(options.loginUrl);
  url.searchParams.set(options.relayStateParameter ?? "RelayState", relayState);
  return url.href;
}

/** The `SAMLResponse` of a form POST, else the 4xx answer to send (the wait goes on). */
async function samlPost(request: Request, expected: ExpectedPost): Promise<string | Response> {
  const refuse = (status: number, message: string) =>
    new Response(page(message), { status, headers: PAGE_HEADERS });
  if (request.method !== "POST") {
    await request.body?.cancel();
    return refuse(405, "This address only receives the SAML response of your sign-in.");
  }
  // Another site's page (or one rebinding its DNS name to 127.0.0.1) posting here is refused
  // before its body is read.
  const host = request.headers.get("host");
  const origin = request.headers.get("origin");
  if (
    (host !== `127.0.0.1:${expected.port}` && host !== `localhost:${expected.port}`) ||
    origin === null || !expected.origins.has(origin)
  ) {
    await request.body?.cancel();
    return refuse(403, "This sign-in response did not come from the sign-in this program started.");
  }
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    await request.body?.cancel();
    return refuse(415, "Expected a form POST with a SAMLResponse.");
  }
  const { text, truncated } = await readBoundedText(request.body, MAX_POST_BYTES);
  const form = new URLSearchParams(truncated ? "" : text);
  const samlResponse = form.get("SAMLResponse");
  if (!samlResponse) return refuse(400, "The form POST has no SAMLResponse.");
  if (!timingSafeEqual(form.get("RelayState") ?? "", expected.relayState)) {
    return refuse(403, "This sign-in response did not come from the sign-in this program started.");
  }
  return samlResponse;
}

async function openBrowser(platform: Platform, url: string): Promise<void> {
  try {
    if (platform.openUrl !== undefined) return await platform.openUrl(url);
  } catch {
    // Fall back to the console, as `aws sso login` does when no browser opens.
  }
  console.error(`Open this URL in your browser to sign in:\n${url}`);
}

function page(message: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>iamfetch</title></head>` +
    `<body><p>${message}</p></body></html>`;
}

const DONE_PAGE = page("Signed in. You may close this window and return to the application.");

import { readBoundedText } from "../_shared/bounded_body.ts";
import { SamlLoginError } from "./errors.ts";
import type { SamlLoginContext } from "./adapter.ts";

/** The largest IdP answer read: login pages and SAML responses are far smaller. */
export const MAX_IDP_RESPONSE_BYTES = 2 * 1024 * 1024;

/** An IdP's answer: status, final URL (after redirects) and body text. */
export interface IdpResponse {
  /** The HTTP status. */
  readonly status: number;
  /** Where the answer came from: the response's URL, else the requested one. */
  readonly url: URL;
  /** The `Content-Type` header, lower case, or `""`. */
  readonly contentType: string;
  /** The body, at most {@linkcode MAX_IDP_RESPONSE_BYTES}. */
  readonly text: string;
}

/**
 * Sends one request to the IdP with `context.fetch` and reads the answer with a size cap.
 * A `SamlLoginError` from the fetch (a `sessionFetch` refusing a cross-origin redirect or a
 * loop) passes through; other failures become a `SamlLoginError` naming `adapter` and the
 * IdP's origin — never the request body, which may hold a password.
 *
 * @example
 * ```ts
 * import { requestIdp } from "./_idp_response.ts";
 * import { assert } from "@std/assert";
 *
 * const fetchPage: typeof fetch = () => Promise.resolve(new Response("<html></html>", { status: 200 }));
 * const page = await requestIdp({ fetch: fetchPage }, "adfs", new URL("https://sts.example.com/adfs/ls/"));
 * assert(page.status === 200 && page.url.host === "sts.example.com");
 * ```
 */
export async function requestIdp(
  context: Pick<SamlLoginContext, "fetch" | "signal">,
  adapter: string,
  url: URL,
  init: RequestInit = {},
): Promise<IdpResponse> {
  let response: Response;
  try {
    response = await context.fetch(url, { ...init, signal: context.signal });
  } catch (error) {
    if (error instanceof SamlLoginError) throw error;
    if (context.signal?.aborted) throw context.signal.reason;
    throw new SamlLoginError(
      adapter,
      `Could not reach the identity provider at ${url.origin} (${errorName(error)}); ` +
        "check the login URL and the network.",
      { cause: error },
    );
  }
  const { text, truncated } = await readBoundedText(response.body, MAX_IDP_RESPONSE_BYTES);
  if (truncated) {
    throw new SamlLoginError(
      adapter,
      `The identity provider at ${url.origin} answered with more than ` +
        `${MAX_IDP_RESPONSE_BYTES} bytes; refusing to read it.`,
      { status: response.status },
    );
  }
  return {
    status: response.status,
    url: response.url ? new URL(response.url) : url,
    contentType: (response.headers.get("content-type") ?? "").toLowerCase(),
    text,
  };
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : "network error";
}

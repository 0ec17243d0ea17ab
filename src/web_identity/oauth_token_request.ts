import { readBoundedText } from "../_shared/bounded_body.ts";
import { IdentityTokenError } from "./errors.ts";

const MAX_TOKEN_RESPONSE_BYTES = 256 * 1024;
const JWT_LIKE = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

/**
 * POSTs a form to an OAuth 2.0 token endpoint (RFC 6749 §3.2) and returns its JSON object.
 * An error answer becomes an {@linkcode IdentityTokenError} with the endpoint's `error` code
 * and a shortened `error_description` (JWT-shaped text removed, in case an endpoint echoes
 * what it was sent); the request body is never quoted.
 */
export async function requestOAuthToken(
  source: string,
  tokenUrl: string,
  form: URLSearchParams,
  options: { fetch?: typeof fetch; headers?: Record<string, string>; signal?: AbortSignal },
): Promise<Record<string, unknown>> {
  const origin = new URL(tokenUrl).origin;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(tokenUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        ...options.headers,
      },
      body: form.toString(),
      signal: options.signal,
    });
  } catch (cause) {
    throw new IdentityTokenError(source, `The token endpoint ${origin} could not be reached.`, {
      cause,
    });
  }
  const { text, truncated } = await readBoundedText(response.body, MAX_TOKEN_RESPONSE_BYTES);
  let body: unknown;
  try {
    body = truncated ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  const json = typeof body === "object" && body !== null && !Array.isArray(body)
    ? body as Record<string, unknown>
    : undefined;
  if (!response.ok) {
    const code = typeof json?.error === "string" ? json.error.slice(0, 64) : "no error code";
    const description = typeof json?.error_description === "string"
      ? ` (${json.error_description.replace(JWT_LIKE, "[token]").slice(0, 200)})`
      : "";
    throw new IdentityTokenError(
      source,
      `The token endpoint ${origin} refused the request with HTTP ${response.status}: ${code}${description}. Check the client credentials and the audience.`,
      { status: response.status },
    );
  }
  if (json === undefined) {
    throw new IdentityTokenError(
      source,
      `The token endpoint ${origin} answered HTTP ${response.status} without a JSON object.`,
      { status: response.status },
    );
  }
  return json;
}

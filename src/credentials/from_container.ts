import type { CredentialProvider } from "../sigv4/credentials.ts";
import { readBoundedText } from "../_shared/bounded_body.ts";
import { sendAwsRequest } from "../http/send_aws_request.ts";
import { defaultPlatform } from "./platform/default.ts";
import { CredentialSettingError, CredentialsProviderError } from "./errors.ts";
import type { Platform } from "./platform/types.ts";
import { metadataCredentials } from "./_metadata_credentials.ts";

/**
 * Options of {@linkcode fromContainer}.
 */
export interface FromContainerOptions {
  /** Milliseconds per request; default 1000, as the AWS SDKs. */
  timeoutMs?: number;
  /** Attempts; default 3. */
  maxAttempts?: number;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** Where environment variables and the token file come from. */
  platform?: Platform;
}

const ECS_HOST = "169.254.170.2";
// Plain-HTTP full URIs may only point at the container agent's link-local addresses
// (ECS, EKS Pod Identity) or at loopback, as the AWS SDKs allow.
const ALLOWED_HTTP_HOSTS = new Set([
  ECS_HOST,
  "169.254.170.23",
  "[fd00:ec2::23]",
  "localhost",
  "[::1]",
]);

function allowedUrl(url: URL): boolean {
  if (url.protocol === "https:") return true;
  if (url.protocol !== "http:") return false;
  return ALLOWED_HTTP_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/**
 * Credentials from the ECS/EKS container credentials endpoint:
 * `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on `169.254.170.2`) or
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI` (HTTPS, loopback or the ECS/EKS agent addresses),
 * with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` / `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
 *
 * @example
 * ```ts
 * import { explicitPlatform, fromContainer } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const seen: string[] = []; // URL and authorization header of each call
 * const fetch = (input: RequestInfo | URL) => {
 *   const request = input as Request;
 *   seen.push(`${request.url} ${request.headers.get("authorization")}`);
 *   return Promise.resolve(Response.json({
 *     AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", Token: "t", Expiration: "2100-01-01T00:00:00Z",
 *   }));
 * };
 * const provider = fromContainer({
 *   fetch,
 *   platform: explicitPlatform({
 *     env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc", AWS_CONTAINER_AUTHORIZATION_TOKEN: "agent-token" },
 *   }),
 * });
 * assertEquals((await provider()).accessKeyId, "ASIAEXAMPLE");
 * assertEquals(seen, ["http://169.254.170.2/v2/credentials/abc agent-token"]);
 * ```
 */
export function fromContainer(options: FromContainerOptions = {}): CredentialProvider {
  const platform = options.platform ?? defaultPlatform();
  return async () => {
    const relative = platform.env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    const full = platform.env("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    if (!relative && !full) {
      throw new CredentialsProviderError(
        "No container credentials endpoint: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are unset.",
      );
    }
    let url: URL;
    try {
      url = relative ? new URL(relative, `http://${ECS_HOST}`) : new URL(full as string);
    } catch {
      throw new CredentialSettingError(
        "environment",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "is not a valid URL.",
      );
    }
    if (!relative && !allowedUrl(url)) {
      throw new CredentialSettingError(
        "environment",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        `must use HTTPS or a loopback / ECS / EKS agent host, not ${url.host}.`,
      );
    }
    const headers = new Headers();
    const tokenFile = platform.env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    const token = tokenFile
      ? (await platform.readTextFile(tokenFile))?.trim()
      : platform.env("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    if (tokenFile && token === undefined) {
      throw new CredentialSettingError(
        "environment",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "names a file that does not exist.",
      );
    }
    if (token) {
      if (/[\r\n\0]/.test(token)) {
        throw new CredentialSettingError(
          "environment",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN",
          "contains a line break or NUL.",
        );
      }
      headers.set("authorization", token);
    }
    let json: Record<string, unknown>;
    try {
      const response = await sendAwsRequest(new Request(url, { headers }), {
        fetch: options.fetch,
        timeoutMs: options.timeoutMs ?? 1000,
        maxAttempts: options.maxAttempts ?? 3,
      });
      const { text, truncated } = await readBoundedText(response.body, 64 * 1024);
      if (truncated) throw new SyntaxError("oversized");
      json = JSON.parse(text);
      // `null`, a number or an array would fail below with a bare TypeError.
      if (json === null || typeof json !== "object" || Array.isArray(json)) {
        throw new SyntaxError("not a JSON object");
      }
    } catch (cause) {
      throw new CredentialsProviderError("The container credentials endpoint could not be read.", {
        cause,
        tryNextLink: false,
      });
    }
    return metadataCredentials(json);
  };
}

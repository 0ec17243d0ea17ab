import type { CredentialProvider, Credentials } from "../sigv4/credentials.ts";
import { AwsError } from "../http/errors.ts";
import { readBoundedText } from "../_shared/bounded_body.ts";
import { sendAwsRequest } from "../http/send_aws_request.ts";
import { defaultPlatform } from "./platform/default.ts";
import { CredentialsProviderError } from "./errors.ts";
import type { Platform } from "./platform/types.ts";
import { metadataCredentials } from "./_metadata_credentials.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

/**
 * Options of {@linkcode fromImds}.
 */
export interface FromImdsOptions {
  /** The metadata endpoint; default `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else `http://169.254.169.254`. */
  endpoint?: string;
  /** Refuse IMDSv1 (no token); default `AWS_EC2_METADATA_V1_DISABLED`. */
  v1Disabled?: boolean;
  /** Milliseconds per request; default 1000, as the AWS SDKs. */
  timeoutMs?: number;
  /** Attempts per request; default 3. */
  maxAttempts?: number;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** Where environment variables come from. */
  platform?: Platform;
}

const TOKEN_TTL_SECONDS = "21600";
const MAX_METADATA_BYTES = 64 * 1024;
// Static stability, as AWS SDK v3: when IMDS is unreachable at refresh time, keep using
// the last credentials for another 5–10 minutes instead of failing the whole application.
const STABILITY_EXTENSION_MS = 5 * 60_000;

/**
 * Credentials of the EC2 instance's role from the instance metadata service: IMDSv2
 * (a session token from `PUT /latest/api/token`, sent on every call), falling back to
 * IMDSv1 when the token call is refused (403/404/405) or times out, unless v1 is disabled.
 * Not available when `AWS_EC2_METADATA_DISABLED=true`.
 *
 * @example
 * ```ts
 * import { explicitPlatform, fromImds } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const seen: string[] = []; // method, path and IMDSv2 token of each call
 * const fetch = (input: RequestInfo | URL) => {
 *   const { method, url, headers } = input as Request;
 *   const path = new URL(url).pathname;
 *   seen.push(`${method} ${path} ${headers.get("x-aws-ec2-metadata-token") ?? "-"}`);
 *   if (method === "PUT") return Promise.resolve(new Response("imds-token"));
 *   return Promise.resolve(path.endsWith("/security-credentials/") ? new Response("my-role") : Response.json({
 *     Code: "Success", AccessKeyId: "ASIAEXAMPLE", SecretAccessKey: "secret", Token: "t", Expiration: "2100-01-01T00:00:00Z",
 *   }));
 * };
 * const credentials = await fromImds({ fetch, platform: explicitPlatform({ env: {} }) })();
 * assertEquals(credentials.accessKeyId, "ASIAEXAMPLE");
 * assertEquals(credentials.expiration, new Date("2100-01-01T00:00:00Z"));
 * assertEquals(seen, [
 *   "PUT /latest/api/token -",
 *   "GET /latest/meta-data/iam/security-credentials/ imds-token",
 *   "GET /latest/meta-data/iam/security-credentials/my-role imds-token",
 * ]);
 * ```
 */
export function fromImds(options: FromImdsOptions = {}): CredentialProvider {
  const platform = options.platform ?? defaultPlatform();
  let last: Credentials | undefined;
  return async () => {
    if (platform.env("AWS_EC2_METADATA_DISABLED")?.toLowerCase() === "true") {
      throw new CredentialsProviderError("IMDS is disabled by AWS_EC2_METADATA_DISABLED.");
    }
    try {
      last = await imdsCredentials(options, platform);
      return last;
    } catch (error) {
      if (last === undefined) throw error;
      const extension = STABILITY_EXTENSION_MS * (1 + Math.random());
      return toSafeCredentials({ ...last, expiration: new Date(Date.now() + extension) });
    }
  };
}

async function imdsCredentials(options: FromImdsOptions, platform: Platform): Promise<Credentials> {
  const endpoint = options.endpoint ?? platform.env("AWS_EC2_METADATA_SERVICE_ENDPOINT") ??
    "http://169.254.169.254";
  const v1Disabled = options.v1Disabled ??
    platform.env("AWS_EC2_METADATA_V1_DISABLED")?.toLowerCase() === "true";
  const send = (path: string, init: RequestInit) =>
    sendAwsRequest(new Request(new URL(path, endpoint), init), {
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? 1000,
      maxAttempts: options.maxAttempts ?? 3,
    });
  const read = async (path: string, headers: HeadersInit) => {
    const response = await send(path, { headers });
    const { text, truncated } = await readBoundedText(response.body, MAX_METADATA_BYTES);
    if (truncated) {
      throw unavailable(`IMDS answered ${path} with more than ${MAX_METADATA_BYTES} bytes.`);
    }
    return text;
  };

  const headers: Record<string, string> = {};
  try {
    const response = await send("/latest/api/token", {
      method: "PUT",
      headers: { "x-aws-ec2-metadata-token-ttl-seconds": TOKEN_TTL_SECONDS },
    });
    headers["x-aws-ec2-metadata-token"] = (await readBoundedText(response.body, 4096)).text.trim();
  } catch (error) {
    // The SDKs fall back to IMDSv1 only when the token call is refused or unanswered.
    const fallback = error instanceof AwsError &&
      ([403, 404, 405].includes(error.status) || error.code === "TimeoutError");
    if (!fallback || v1Disabled) {
      throw unavailable(
        v1Disabled
          ? "IMDSv2 token request failed and IMDSv1 is disabled (AWS_EC2_METADATA_V1_DISABLED)."
          : "IMDS could not be reached.",
        error,
      );
    }
  }
  try {
    const base = "/latest/meta-data/iam/security-credentials/";
    const role = (await read(base, headers)).split("\n")[0].trim();
    if (role === "" || role.includes("/")) throw unavailable("The instance has no IAM role.");
    const json = JSON.parse(await read(base + role, headers)) as Record<string, unknown>;
    if (json.Code !== undefined && json.Code !== "Success") {
      throw unavailable(`IMDS answered the role's credentials with Code ${String(json.Code)}.`);
    }
    return metadataCredentials(json);
  } catch (error) {
    if (error instanceof CredentialsProviderError) throw error;
    throw unavailable(
      error instanceof SyntaxError
        ? "IMDS answered with malformed JSON."
        : "IMDS could not be read.",
      error,
    );
  }
}

function unavailable(message: string, cause?: unknown): CredentialsProviderError {
  return new CredentialsProviderError(message, cause === undefined ? {} : { cause });
}

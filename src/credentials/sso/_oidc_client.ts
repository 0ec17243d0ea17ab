import { readAnswerText } from "../../http/read_answer_text.ts";
import { sendAwsRequest } from "../../http/send_aws_request.ts";
import { SsoLoginError } from "./errors.ts";
import { parseJsonObject } from "../../_shared/json_object.ts";
import {
  configuredEndpoint,
  type ConfiguredEndpointOptions,
} from "../endpoints/configured_endpoint.ts";

/**
 * Where and how the IAM Identity Center OIDC service (`sso-oidc`, REST-JSON, unsigned) is
 * called.
 */
export interface SsoOidcOptions {
  /** The IAM Identity Center region (`sso_region`). */
  region: string;
  /** The service endpoint; default `https://oidc.<region>.amazonaws.com`. */
  endpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/**
 * The OIDC endpoint a login or token refresh uses: `oidcEndpoint` when given, else the
 * configured endpoint of the `SSO OIDC` service (`AWS_ENDPOINT_URL_SSO_OIDC`,
 * `AWS_ENDPOINT_URL`, the profile's `services` section — key `sso_oidc` — or
 * `endpoint_url`), else `undefined`: {@linkcode callSsoOidc}'s regional default. Looked up
 * once per login or refresh, not per call.
 *
 * @example
 * ```ts
 * import { ssoOidcEndpoint } from "./_oidc_client.ts";
 * import { explicitPlatform } from "../platform/explicit.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({ env: { AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9000" } });
 * assertEquals(await ssoOidcEndpoint({ platform }), "http://127.0.0.1:9000/");
 * assertEquals(await ssoOidcEndpoint({ platform, oidcEndpoint: "http://x" }), "http://x");
 * ```
 */
export async function ssoOidcEndpoint(
  options: ConfiguredEndpointOptions & { oidcEndpoint?: string },
): Promise<string | undefined> {
  return options.oidcEndpoint ?? (await configuredEndpoint("SSO OIDC", options))?.href;
}

/** The OAuth grant of the device authorization flow (RFC 8628). */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/**
 * Calls the OIDC operation at `path` with the JSON `body` and returns the answer's JSON
 * object. A refusal is the `AwsError` of `sendAwsRequest` (its `code` is the OIDC error
 * code, e.g. `AuthorizationPendingException`); an answer that is not a JSON object is an
 * {@linkcode SsoLoginError} `InvalidResponse`.
 *
 * @example
 * ```ts
 * import { callSsoOidc } from "./_oidc_client.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const fetch = () => Promise.resolve(Response.json({ clientId: "c" }));
 * const answer = await callSsoOidc("/client/register", {}, { region: "us-east-1", fetch });
 * assertEquals(answer.clientId, "c");
 * ```
 */
export async function callSsoOidc(
  path: "/client/register" | "/device_authorization" | "/token",
  body: Record<string, unknown>,
  options: SsoOidcOptions,
): Promise<Record<string, unknown>> {
  const base = options.endpoint ?? `https://oidc.${options.region}.amazonaws.com`;
  const request = new Request(`${base.replace(/\/+$/, "")}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const response = await sendAwsRequest(request, { fetch: options.fetch, signal: options.signal });
  const { text } = await readAnswerText(
    response,
    64 * 1024,
    `IAM Identity Center OIDC ${path}`,
  );
  const value = parseJsonObject(text);
  if (value === undefined) {
    throw new SsoLoginError(
      "InvalidResponse",
      `The IAM Identity Center OIDC service answered ${path} with something other than a JSON object.`,
    );
  }
  return value;
}

/**
 * `answer[name]` when it is a non-empty string, else an {@linkcode SsoLoginError}
 * `InvalidResponse` naming the field (never its value).
 *
 * @example
 * ```ts
 * import { requiredString } from "./_oidc_client.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(requiredString({ a: "x" }, "a", "CreateToken"), "x");
 * ```
 */
export function requiredString(
  answer: Record<string, unknown>,
  name: string,
  operation: string,
): string {
  const value = answer[name];
  if (typeof value !== "string" || value === "") {
    throw new SsoLoginError(
      "InvalidResponse",
      `The IAM Identity Center ${operation} answer has no ${name}.`,
    );
  }
  return value;
}

/**
 * `answer[name]` when it is a finite number, else an {@linkcode SsoLoginError}.
 *
 * @example
 * ```ts
 * import { requiredNumber } from "./_oidc_client.ts";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(requiredNumber({ expiresIn: 600 }, "expiresIn", "CreateToken"), 600);
 * ```
 */
export function requiredNumber(
  answer: Record<string, unknown>,
  name: string,
  operation: string,
): number {
  const value = answer[name];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new SsoLoginError(
      "InvalidResponse",
      `The IAM Identity Center ${operation} answer has no numeric ${name}.`,
    );
  }
  return value;
}

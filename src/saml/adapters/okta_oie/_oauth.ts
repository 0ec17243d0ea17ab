/**
 * Requests to Okta's OAuth 2.0 endpoints (`/token`, `/challenge`, `/device/authorize`):
 * a form POST that never follows a redirect (a redirect is an error: these bodies hold
 * passwords, codes and tokens), its JSON answer, and Okta's error answers (`{"error":
 * "invalid_grant","error_description":"…"}`, RFC 6749 §5.2) turned into an
 * {@linkcode OktaOieError} that names the step and says what to do, with every value sent
 * scrubbed from what Okta echoes.
 *
 * @module
 */
import { parseJsonObject } from "../../../_shared/json_object.ts";
import { SamlLoginError } from "../../errors.ts";
import { type IdpResponse, requestIdp } from "../../_idp_response.ts";
import type { SamlLoginContext } from "../../adapter.ts";
import { OktaOieError, type OktaOieStep } from "./errors.ts";
import { adviceFor } from "./_advice.ts";

/** What a request to Okta needs from the login: the fetch, the abort signal, the debug log. */
export type OktaContext = Pick<SamlLoginContext, "fetch" | "signal" | "log">;

/** An answer of an OAuth endpoint: the status and the JSON object, if it was one. */
export interface OAuthAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The body as a JSON object; `undefined` when it was not one. */
  readonly json?: Record<string, unknown>;
}

const STEP_NAMES: Record<OktaOieStep, string> = {
  "organization": "org check",
  "device-authorization": "device authorization",
  "device-token": "device token request",
  "password": "password sign-in",
  "challenge": "MFA challenge",
  "push": "push verification",
  "otp": "one-time code verification",
  "oob-code": "SMS or voice code verification",
  "app-list": "AWS app listing",
  "token-exchange": "web SSO token exchange",
  "saml": "SAML sign-in (/login/token/sso)",
  "private-key": "private key",
  "client-credentials": "client-credentials token request",
};
const JWT_LIKE = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;
const LONG_RUN = /[A-Za-z0-9+/=_-]{40,}/g;

/** Sends one request to the org with `context.fetch`; failures name the step. */
export async function requestOkta(
  context: OktaContext,
  step: OktaOieStep,
  url: URL,
  init: RequestInit,
): Promise<IdpResponse> {
  try {
    // Okta's OAuth endpoints never redirect; following one could carry a secret elsewhere.
    // A redirect comes back as it is (opaque in browsers) and fails as a non-200 answer.
    return await requestIdp(context, "okta-oie", url, { ...init, redirect: "manual" });
  } catch (error) {
    if (!(error instanceof SamlLoginError) || error instanceof OktaOieError) throw error;
    throw new OktaOieError(step, `Okta's ${STEP_NAMES[step]}: ${error.message}`, {
      ...(error.status === undefined ? {} : { status: error.status }),
      cause: error,
    });
  }
}

/** POSTs `form` to `url` (an endpoint of the org) and reads the JSON answer. */
export async function postOAuthForm(
  context: OktaContext,
  step: OktaOieStep,
  url: URL,
  form: Record<string, string>,
): Promise<OAuthAnswer> {
  const response = await requestOkta(context, step, url, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  const json = parseJsonObject(response.text);
  const code = typeof json?.error === "string" ? ` ${json.error.slice(0, 64)}` : "";
  context.log?.(`okta-oie: POST ${url.origin}${url.pathname} -> ${response.status}${code}`);
  return { status: response.status, json };
}

/**
 * The error for an answer that is not what `step` needed: Okta's `error` (or management
 * API `errorCode`) and description when there is one, with `secrets` (what was sent) and
 * anything shaped like a token removed, and advice for that code at that step.
 */
export function oktaError(
  step: OktaOieStep,
  url: URL,
  answer: OAuthAnswer,
  secrets: readonly string[],
): OktaOieError {
  const { status, json } = answer;
  const code = text(json?.error) ?? text(json?.errorCode);
  const description = text(json?.error_description) ?? text(json?.errorSummary);
  const said = code === undefined
    ? "without an OAuth error"
    : `${code.slice(0, 64)}${description ? `: ${scrub(description, secrets)}` : ""}`;
  return new OktaOieError(
    step,
    `Okta refused the ${STEP_NAMES[step]} at ${url.origin} (HTTP ${status}, ${said}); ` +
      `${adviceFor(step, code)}.`,
    { status, ...(code === undefined ? {} : { code: code.slice(0, 64) }) },
  );
}

/** The error for an answer that lacks `field`, which `step` needs. */
export function missingField(
  step: OktaOieStep,
  url: URL,
  status: number,
  field: string,
): OktaOieError {
  return new OktaOieError(
    step,
    `Okta's ${STEP_NAMES[step]} at ${url.origin} answered HTTP ${status} without "${field}"; ` +
      "check that orgUrl is your Okta org.",
    { status },
  );
}

/** `value` when it is a non-empty string. */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `value` when it is a finite number ≥ 0. */
export function seconds(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function scrub(description: string, secrets: readonly string[]): string {
  let scrubbed = description;
  for (const secret of secrets) {
    if (secret.length > 0) scrubbed = scrubbed.replaceAll(secret, "[redacted]");
  }
  return scrubbed.replace(JWT_LIKE, "[token]").replace(LONG_RUN, "[redacted]").slice(0, 200);
}

import { SamlLoginError } from "../../errors.ts";
import { requestIdp } from "../../_idp_response.ts";
import type { SamlLoginContext } from "../../adapter.ts";
import { parseJsonObject } from "../../../_shared/json_object.ts";

/**
 * A factor offered in Okta's `MFA_REQUIRED` answer.
 */
export interface OktaFactor {
  /** The factor's id, e.g. `opfh52xcuft3J4uZc0g3`. */
  readonly id: string;
  /** `push`, `token:software:totp`, `sms`, `email`, … */
  readonly factorType: string;
  /** `OKTA`, `GOOGLE`, … */
  readonly provider: string;
  /** Its `_links.verify.href`. */
  readonly verifyHref: string;
}

/**
 * The parts of Okta's authentication transaction the adapter acts on.
 */
export interface OktaTransaction {
  /** `SUCCESS`, `MFA_REQUIRED`, `MFA_CHALLENGE`, `LOCKED_OUT`, … */
  readonly status: string;
  /** The transaction's state token, until it succeeds. */
  readonly stateToken?: string;
  /** The single-use session token, with `SUCCESS`. */
  readonly sessionToken?: string;
  /** With a push: `WAITING`, `SUCCESS`, `REJECTED` or `TIMEOUT`. */
  readonly factorResult?: string;
  /** With `MFA_REQUIRED`: the enrolled factors. */
  readonly factors: readonly OktaFactor[];
  /** `_links.next.href`: the `poll` link of a push, the `verify` link of a sent code. */
  readonly nextHref?: string;
}

const ERROR_ADVICE: Record<string, string> = {
  E0000004: "check the user name and password, and whether the account is locked",
  E0000011: "the API token is wrong, or the login took too long and its state token " +
    "expired: log in again",
  E0000068: "check the code (and the device's clock for an authenticator app)",
  E0000047: "Okta's rate limit was reached: wait a minute before trying again",
};

/**
 * Okta's Authentication API for one login: JSON POSTs to the org's own origin only (a link
 * in an answer that points elsewhere is refused before anything is sent), with the trusted
 * application's API token (`Authorization: SSWS …`) when there is one. Okta's error bodies
 * become a {@linkcode SamlLoginError} that names the step and Okta's error code; the values
 * sent (password, pass code, tokens) are scrubbed from anything Okta echoes.
 *
 * @example
 * ```ts
 * import { OktaApi } from "./_api.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const fakeOkta: typeof fetch = () => Promise.resolve(Response.json({ status: "SUCCESS", sessionToken: "20111abc" }));
 * const api = new OktaApi({ fetch: fakeOkta }, "https://example.okta.com");
 * const done = await api.post("https://example.okta.com/api/v1/authn", { username: "a", password: "b" }, "sign-in");
 * assertEquals(done.sessionToken, "20111abc");
 * ```
 */
export class OktaApi {
  readonly #context: Pick<SamlLoginContext, "fetch" | "signal" | "log">;
  readonly #org: string;
  readonly #apiToken?: string;

  /** An API client for the org at `org` (an origin, e.g. `https://example.okta.com`). */
  constructor(
    context: Pick<SamlLoginContext, "fetch" | "signal" | "log">,
    org: string,
    apiToken?: string,
  ) {
    this.#context = context;
    this.#org = org;
    this.#apiToken = apiToken;
  }

  /** POSTs `body` to `href` (which must be on the org's origin) and reads the transaction. */
  async post(href: string, body: Record<string, unknown>, step: string): Promise<OktaTransaction> {
    const url = this.orgUrl(href, step);
    const headers = new Headers({ accept: "application/json", "content-type": "application/json" });
    if (this.#apiToken !== undefined) headers.set("authorization", `SSWS ${this.#apiToken}`);
    const response = await requestIdp(this.#context, "okta", url, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      // Okta's API never redirects; following one could carry the password elsewhere. A
      // redirect is returned as it is (opaque in browsers) and fails as a non-200 answer.
      // ("error" would say it better, but workerd refuses it.)
      redirect: "manual",
    });
    const json = parseJsonObject(response.text);
    const status = typeof json?.status === "string" ? json.status : undefined;
    this.#context.log?.(
      `okta: POST ${url.origin}${url.pathname} -> ${response.status} ${status ?? ""}`.trimEnd(),
    );
    if (response.status !== 200 || status === undefined) {
      const secrets = [...Object.values(body), this.#apiToken].filter((v) => typeof v === "string");
      throw errorFromAnswer(step, url, response.status, json, secrets as string[]);
    }
    return toTransaction(json!, status);
  }

  /** `href` as a URL, if it is on the org's origin; else a `SamlLoginError`. */
  orgUrl(href: string, step: string): URL {
    const url = parseUrl(href, this.#org);
    if (url === undefined || url.origin !== this.#org) {
      throw new SamlLoginError(
        "okta",
        `Okta's answer pointed the ${step} step to ${url?.origin ?? "an invalid URL"}, not to ` +
          `the org ${this.#org}; refusing to send tokens or codes there.`,
      );
    }
    return url;
  }
}

function parseUrl(href: string, base: string): URL | undefined {
  try {
    return new URL(href, base);
  } catch {
    return undefined;
  }
}

function toTransaction(json: Record<string, unknown>, status: string): OktaTransaction {
  const embedded = record(json._embedded);
  const factors = Array.isArray(embedded?.factors) ? embedded.factors.map(record) : [];
  return {
    status,
    stateToken: text(json.stateToken),
    sessionToken: text(json.sessionToken),
    factorResult: text(json.factorResult),
    nextHref: text(record(record(json._links)?.next)?.href),
    factors: factors.flatMap((factor) => {
      const id = text(factor?.id);
      const factorType = text(factor?.factorType);
      const verifyHref = text(record(record(factor?._links)?.verify)?.href);
      if (id === undefined || factorType === undefined || verifyHref === undefined) return [];
      return [{ id, factorType, provider: text(factor?.provider) ?? "", verifyHref }];
    }),
  };
}

function errorFromAnswer(
  step: string,
  url: URL,
  status: number,
  json: Record<string, unknown> | undefined,
  secrets: readonly string[],
): SamlLoginError {
  const code = text(json?.errorCode);
  if (code === undefined) {
    return new SamlLoginError(
      "okta",
      `Okta's ${step} at ${url.origin} answered HTTP ${status} without an Okta transaction; ` +
        "check that loginUrl is the AWS app's embed link of your Okta org.",
      { status },
    );
  }
  const summary = scrub(text(json?.errorSummary) ?? "", secrets);
  const advice = ERROR_ADVICE[code] ?? "see Okta's error codes reference";
  return new SamlLoginError(
    "okta",
    `Okta refused the ${step} (HTTP ${status}, ${code} ${summary}): ${advice}.`,
    { status },
  );
}

/** `summary` cut to 200 characters with every value the client sent replaced. */
function scrub(summary: string, secrets: readonly string[]): string {
  let scrubbed = summary;
  for (const secret of secrets) {
    if (secret.length > 0) scrubbed = scrubbed.replaceAll(secret, "[redacted]");
  }
  return scrubbed.slice(0, 200);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? value as Record<string, unknown> : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

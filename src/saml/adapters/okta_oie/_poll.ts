/**
 * Polling Okta's `/token` endpoint while a person acts elsewhere (approves a device code
 * in the browser, a push in Okta Verify), as RFC 8628 §3.5 says: wait `interval` seconds
 * between requests, keep going on `authorization_pending`, wait 5 s longer after each
 * `slow_down`, and stop when the code expires. okta-aws-cli backs off exponentially
 * instead; the RFC's rule is what Okta documents for both flows, and what botocore does
 * for IAM Identity Center's device login.
 *
 * @module
 */
import { type OAuthAnswer, type OktaContext, oktaError, postOAuthForm, text } from "./_oauth.ts";
import type { OktaOieError, OktaOieStep } from "./errors.ts";

/** RFC 8628 §3.5: each `slow_down` adds 5 seconds to the interval, for good. */
export const SLOW_DOWN_SECONDS = 5;

/** What {@linkcode pollToken} needs. */
export interface PollOptions {
  /** The step polling, for errors. */
  readonly step: OktaOieStep;
  /** The `/token` endpoint. */
  readonly url: URL;
  /** The grant's form. */
  readonly form: Record<string, string>;
  /** Values of `form` to scrub from Okta's error descriptions. */
  readonly secrets: readonly string[];
  /** The first interval, in seconds. */
  readonly intervalSeconds: number;
  /** When to give up (ms since the epoch): the code's expiry. */
  readonly deadline: number;
  /** The error to throw when the deadline passes. */
  readonly expired: () => OktaOieError;
  /** Waits `ms` milliseconds. */
  readonly sleep: (ms: number) => Promise<void>;
  /** The clock, in ms since the epoch. */
  readonly now: () => number;
}

/** Polls until Okta answers 200 (returned) or an error other than "pending" (thrown). */
export async function pollToken(context: OktaContext, options: PollOptions): Promise<OAuthAnswer> {
  let interval = options.intervalSeconds;
  for (;;) {
    context.signal?.throwIfAborted();
    const answer = await postOAuthForm(context, options.step, options.url, options.form);
    if (answer.status === 200) return answer;
    const code = text(answer.json?.error);
    if (code === "slow_down") interval += SLOW_DOWN_SECONDS;
    else if (code !== "authorization_pending") {
      throw oktaError(options.step, options.url, answer, options.secrets);
    }
    if (options.now() + interval * 1000 >= options.deadline) throw options.expired();
    await options.sleep(interval * 1000);
  }
}

import { delay } from "../../../http/delay.ts";
import { SamlLoginError } from "../../errors.ts";
import type { OktaApi, OktaFactor, OktaTransaction } from "./_api.ts";
import type { SamlLoginContext } from "../../adapter.ts";

/**
 * How to answer the factor chosen for an Okta login.
 */
export interface OktaMfaOptions {
  /** A code given up front (CData's `MFAPassCode`), used instead of asking. */
  readonly passCode?: string;
  /** Sent as Okta's `rememberDevice` query parameter with the verification. */
  readonly rememberDevice: boolean;
  /** The pause between polls of a push. */
  readonly pollIntervalMs: number;
  /** How long to wait for the push to be answered. */
  readonly pushTimeoutMs: number;
}

const CHANNEL: Record<string, string> = { sms: "by SMS", email: "by email" };

/**
 * Verifies `factor` for the `MFA_REQUIRED` transaction `stateToken` and returns Okta's
 * answer, `SUCCESS` with the session token. A TOTP code is sent at once; SMS and email first
 * ask Okta to send a code (unless one was given up front), then send what the user typed; a
 * push is sent, announced once through `context.mfa`, and polled until answered.
 *
 * @example
 * ```ts ignore
 * const done = await verifyOktaFactor(api, context, factor, stateToken, options);
 * ```
 */
export async function verifyOktaFactor(
  api: OktaApi,
  context: SamlLoginContext,
  factor: OktaFactor,
  stateToken: string,
  options: OktaMfaOptions,
): Promise<OktaTransaction> {
  const step = `MFA verification (${factor.factorType})`;
  const verifyUrl = withRememberDevice(api.orgUrl(factor.verifyHref, step), options);
  if (factor.factorType === "push") {
    return await verifyPush(api, context, factor, verifyUrl, stateToken, options);
  }
  if (factor.factorType === "token:software:totp" || options.passCode !== undefined) {
    const passCode = options.passCode ??
      await askCode(context, factor, "from your authenticator app");
    return await api.post(verifyUrl, { stateToken, passCode }, step);
  }
  const sent = await api.post(verifyUrl, { stateToken }, step);
  if (sent.status !== "MFA_CHALLENGE") return sent;
  const channel = CHANNEL[factor.factorType] ?? `through ${factor.factorType}`;
  const passCode = await askCode(context, factor, `it sent ${channel}`);
  const next = withRememberDevice(api.orgUrl(sent.nextHref ?? factor.verifyHref, step), options);
  return await api.post(next, { stateToken: sent.stateToken ?? stateToken, passCode }, step);
}

async function verifyPush(
  api: OktaApi,
  context: SamlLoginContext,
  factor: OktaFactor,
  verifyUrl: string,
  stateToken: string,
  options: OktaMfaOptions,
): Promise<OktaTransaction> {
  const step = "MFA verification (push)";
  const deadline = Date.now() + options.pushTimeoutMs;
  let answer = await api.post(verifyUrl, { stateToken }, step);
  if (answer.factorResult === "WAITING") {
    await context.mfa?.({
      kind: "push",
      factor: factor.factorType,
      message: "Okta sent a push notification; approve it in Okta Verify on your phone.",
    });
  }
  while (answer.status === "MFA_CHALLENGE" && answer.factorResult === "WAITING") {
    if (Date.now() + options.pollIntervalMs > deadline) {
      throw new SamlLoginError(
        "okta",
        `The Okta Verify push was not answered within ${options.pushTimeoutMs / 1000} s; ` +
          "log in again and approve it on your phone (or raise pushTimeoutMs).",
      );
    }
    await delay(options.pollIntervalMs, { signal: context.signal });
    const poll = withRememberDevice(
      api.orgUrl(answer.nextHref ?? factor.verifyHref, step),
      options,
    );
    answer = await api.post(poll, { stateToken: answer.stateToken ?? stateToken }, step);
  }
  if (answer.factorResult === "REJECTED") {
    throw new SamlLoginError("okta", "The Okta Verify push was rejected on the phone.");
  }
  if (answer.factorResult === "TIMEOUT") {
    throw new SamlLoginError(
      "okta",
      "Okta reports that the Okta Verify push timed out; log in again and approve it sooner.",
    );
  }
  return answer;
}

async function askCode(
  context: SamlLoginContext,
  factor: OktaFactor,
  where: string,
): Promise<string> {
  const message = `Okta asks for the code ${where}.`;
  if (context.mfa === undefined) {
    throw new SamlLoginError(
      "okta",
      `${message} Pass it as mfaPassCode, or give fromSaml an mfa prompt to type it in.`,
    );
  }
  const code = await context.mfa({ kind: "code", factor: factor.factorType, message });
  if (code === undefined || code.trim() === "") {
    throw new SamlLoginError("okta", `${message} The MFA prompt answered no code.`);
  }
  return code.trim();
}

function withRememberDevice(url: URL, options: OktaMfaOptions): string {
  const withParameter = new URL(url);
  withParameter.searchParams.set("rememberDevice", String(options.rememberDevice));
  return withParameter.href;
}

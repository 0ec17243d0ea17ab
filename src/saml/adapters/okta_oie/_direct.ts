/**
 * Okta's Direct Authentication grants ("Configure Direct Authentication": MFA OOB with Okta
 * Verify, MFA OTP, MFA OOB with SMS or voice), which sign a person in without a browser:
 *
 * 1. `POST /token` with `grant_type=password`, `username`, `password`: tokens at once, or
 *    HTTP 403 `{"error":"mfa_required","mfa_token":"…"}`.
 * 2. a code: `grant_type=http://auth0.com/oauth/grant-type/mfa-otp` with `otp` and
 *    `mfa_token`; or out of band: `POST /challenge` (`mfa_token`, `challenge_types_supported=
 *    http://auth0.com/oauth/grant-type/mfa-oob`, `channel_hint=push|sms|voice`) answers an
 *    `oob_code`, then `grant_type=http://auth0.com/oauth/grant-type/mfa-oob` with `oob_code`
 *    and `mfa_token` is polled (push) or sent once with the `binding_code` received (SMS,
 *    voice).
 *
 * @module
 */
import type { MfaPrompt } from "../../adapter.ts";
import { type OktaContext, oktaError, postOAuthForm, seconds, text } from "./_oauth.ts";
import type { OktaOrg } from "./_org.ts";
import { pollToken } from "./_poll.ts";
import { MFA_OOB_GRANT, MFA_OTP_GRANT, type OktaTokens, tokensOf } from "./_tokens.ts";
import { OktaOieError } from "./errors.ts";
import type { OktaOieMfaType } from "./mfa_type.ts";

/** What {@linkcode directSignIn} needs besides the org and the person's credentials. */
export interface DirectSignInOptions {
  readonly clientId: string;
  readonly scope: string;
  readonly authorizationServerId?: string;
  readonly mfaType: OktaOieMfaType;
  readonly mfaPassCode?: string;
  readonly mfa?: MfaPrompt;
  readonly pushTimeoutMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/** Signs `username` in with `password` and, when asked, the second factor. */
export async function directSignIn(
  context: OktaContext,
  org: OktaOrg,
  options: DirectSignInOptions,
  username: string,
  password: string,
): Promise<OktaTokens> {
  const tokenUrl = org.oauthUrl("token", options.authorizationServerId);
  const base = { client_id: options.clientId, scope: options.scope };
  const first = await postOAuthForm(context, "password", tokenUrl, {
    ...base,
    grant_type: "password",
    username,
    password,
  });
  if (first.status === 200) return tokensOf("password", tokenUrl, first, options.now());
  const mfaToken = text(first.json?.mfa_token);
  if (first.json?.error !== "mfa_required" || mfaToken === undefined) {
    throw oktaError("password", tokenUrl, first, [password]);
  }
  const withMfa = { ...base, mfa_token: mfaToken };
  if (options.mfaType === "otp") {
    const otp = options.mfaPassCode ??
      await askCode(options, "otp", "Okta asks for the code from your authenticator app.");
    const answer = await postOAuthForm(context, "otp", tokenUrl, {
      ...withMfa,
      grant_type: MFA_OTP_GRANT,
      otp,
    });
    if (answer.status !== 200) throw oktaError("otp", tokenUrl, answer, [otp, mfaToken]);
    return tokensOf("otp", tokenUrl, answer, options.now());
  }
  const challengeUrl = org.oauthUrl("challenge", options.authorizationServerId);
  const challenge = await postOAuthForm(context, "challenge", challengeUrl, {
    client_id: options.clientId,
    mfa_token: mfaToken,
    challenge_types_supported: MFA_OOB_GRANT,
    channel_hint: options.mfaType,
  });
  const oobCode = text(challenge.json?.oob_code);
  if (challenge.status !== 200 || oobCode === undefined) {
    throw oktaError("challenge", challengeUrl, challenge, [mfaToken]);
  }
  const oob = { ...withMfa, grant_type: MFA_OOB_GRANT, oob_code: oobCode };
  if (options.mfaType !== "push") {
    const bindingCode = await askCode(
      options,
      options.mfaType,
      `Okta asks for the code it sent by ${options.mfaType === "sms" ? "SMS" : "voice call"}.`,
    );
    const answer = await postOAuthForm(context, "oob-code", tokenUrl, {
      ...oob,
      binding_code: bindingCode,
    });
    if (answer.status !== 200) {
      throw oktaError("oob-code", tokenUrl, answer, [bindingCode, oobCode, mfaToken]);
    }
    return tokensOf("oob-code", tokenUrl, answer, options.now());
  }
  const bindingCode = text(challenge.json?.binding_code);
  await options.mfa?.({
    kind: "push",
    factor: "push",
    message: bindingCode === undefined
      ? "Okta sent a push notification; approve it in Okta Verify on your phone."
      : `Okta sent a push notification; in Okta Verify, choose ${bindingCode} to approve it.`,
  });
  const expiresIn = seconds(challenge.json?.expires_in);
  const limitMs = Math.min(options.pushTimeoutMs, (expiresIn ?? Infinity) * 1000);
  const deadline = options.now() + limitMs;
  const answer = await pollToken(context, {
    step: "push",
    url: tokenUrl,
    form: oob,
    secrets: [oobCode, mfaToken],
    // Okta's challenge answer says how often to poll; 5 s is its documented value.
    intervalSeconds: seconds(challenge.json?.interval) ?? 5,
    deadline,
    expired: () =>
      new OktaOieError(
        "push",
        `The Okta Verify push was not answered within ${Math.round(limitMs / 1000)} s; ` +
          "log in again and approve it on your phone (or raise pushTimeoutMs).",
      ),
    sleep: options.sleep,
    now: options.now,
  });
  return tokensOf("push", tokenUrl, answer, options.now());
}

async function askCode(
  options: DirectSignInOptions,
  factor: OktaOieMfaType,
  message: string,
): Promise<string> {
  if (options.mfa === undefined) {
    throw new OktaOieError(
      factor === "otp" ? "otp" : "oob-code",
      `${message} Pass it as mfaPassCode, or give fromSaml an mfa prompt to type it in.`,
    );
  }
  const code = (await options.mfa({ kind: "code", factor, message }))?.trim();
  if (code === undefined || code === "") {
    throw new OktaOieError(
      factor === "otp" ? "otp" : "oob-code",
      `${message} The MFA prompt answered no code.`,
    );
  }
  return code;
}

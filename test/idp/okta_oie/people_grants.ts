/**
 * The fake org's grants for people, as Okta's guides show their requests and answers:
 * "Configure Device Authorization Grant Flow" (`/device/authorize`, the `device_code`
 * grant) and "Configure Direct Authentication" (the `password` grant answering
 * `mfa_required`, `/challenge`, the `mfa-oob` grant polled for a push or sent with an SMS or
 * voice `binding_code`, the `mfa-otp` grant).
 *
 * @module
 */
import { totp } from "../okta/totp.ts";
import { tokenAnswer } from "./issue_tokens.ts";
import { type FakeAnswer, oauthError } from "./okta_errors.ts";
import {
  type FakeMfaToken,
  type FakeOieUser,
  type FakeOktaOieState,
  randomToken,
} from "./state.ts";

/** The `mfa-oob` grant and challenge type. */
export const MFA_OOB = "http://auth0.com/oauth/grant-type/mfa-oob";
/** The `mfa-otp` grant. */
export const MFA_OTP = "http://auth0.com/oauth/grant-type/mfa-otp";

type Form = Readonly<Record<string, string>>;

/** `POST /device/authorize`: a device code, user code and verification URI. */
export function deviceAuthorize(
  state: FakeOktaOieState,
  origin: string,
  scopes: readonly string[],
  clientId: string,
): FakeAnswer {
  const userCode = Array.from(
    crypto.getRandomValues(new Uint8Array(8)),
    (b) => String.fromCharCode(65 + (b % 26)),
  ).join("");
  const deviceCode = crypto.randomUUID();
  state.deviceCodes.set(deviceCode, { clientId, scopes, userCode, polls: 0 });
  return {
    status: 200,
    body: {
      device_code: deviceCode,
      user_code: userCode,
      verification_uri: `${origin}/activate`,
      verification_uri_complete: `${origin}/activate?user_code=${userCode}`,
      expires_in: state.init.device?.expiresIn ?? 600,
      interval: state.init.device?.interval ?? 5,
    },
  };
}

/** The `device_code` grant: pending until approved at `/activate`. */
export async function deviceGrant(
  state: FakeOktaOieState,
  origin: string,
  server: string,
  form: Form,
): Promise<FakeAnswer> {
  const entry = state.deviceCodes.get(form.device_code ?? "");
  if (entry === undefined || entry.clientId !== form.client_id) {
    return oauthError("invalid_device_code");
  }
  const knobs = state.init.device ?? {};
  entry.polls++;
  if (knobs.expireAfterPolls !== undefined && entry.polls >= knobs.expireAfterPolls) {
    return oauthError("expired_token");
  }
  if (knobs.slowDownPolls?.includes(entry.polls)) return oauthError("slow_down");
  if (entry.denied) return oauthError("access_denied");
  if (entry.approvedBy === undefined || entry.polls <= (knobs.pendingPolls ?? 0)) {
    return oauthError("authorization_pending");
  }
  state.deviceCodes.delete(form.device_code);
  return {
    status: 200,
    body: await tokenAnswer(state, origin, {
      user: entry.approvedBy,
      clientId: entry.clientId,
      scopes: entry.scopes,
      server,
    }),
  };
}

/** The `password` grant: tokens, or `mfa_required` when the user has authenticators. */
export async function passwordGrant(
  state: FakeOktaOieState,
  origin: string,
  server: string,
  scopes: readonly string[],
  form: Form,
): Promise<FakeAnswer> {
  const user = state.authenticate(form.username, form.password);
  if (user === undefined) return oauthError("invalid_password_credentials");
  const grant = { user, clientId: form.client_id, scopes, server };
  if ((user.init.factors ?? []).length === 0) {
    return { status: 200, body: await tokenAnswer(state, origin, grant) };
  }
  const mfaToken = randomToken(15);
  state.mfaTokens.set(mfaToken, { ...grant, expiresAt: Date.now() + 300_000 });
  return oauthError("mfa_required", { mfa_token: mfaToken });
}

/** `POST /challenge`: sends a push, SMS or voice call, answering the `oob_code`. */
export function challenge(state: FakeOktaOieState, form: Form): FakeAnswer {
  const mfa = pendingMfa(state, form);
  if ("status" in mfa) return mfa;
  if (!(form.challenge_types_supported ?? "").split(" ").includes(MFA_OOB)) {
    return oauthError("direct_auth_factor_enrollment_required");
  }
  const channel = form.channel_hint;
  if (channel !== "push" && channel !== "sms" && channel !== "voice") {
    return {
      status: 400,
      body: {
        error: "invalid_request",
        error_description: `'${String(channel).slice(0, 20)}' is not supported as a ` +
          "'channel_hint'. Try again with another value.",
      },
    };
  }
  const factor = (mfa.user.init.factors ?? []).find((f) => f.type === channel);
  if (factor === undefined) return oauthError("direct_auth_factor_enrollment_required");
  const oobCode = randomToken(25);
  const base = { challenge_type: MFA_OOB, oob_code: oobCode, expires_in: 300, channel };
  if (factor.type === "push") {
    state.oobCodes.set(oobCode, { mfaToken: form.mfa_token, channel, polls: 0 });
    return {
      status: 200,
      body: {
        ...base,
        expires_in: state.init.push?.expiresIn ?? 300,
        interval: state.init.push?.interval ?? 5,
        ...(factor.numberChallenge === undefined
          ? { binding_method: "none" }
          : { binding_method: "transfer", binding_code: factor.numberChallenge }),
      },
    };
  }
  const sentCode = String(100000 + (crypto.getRandomValues(new Uint32Array(1))[0] % 900000));
  state.oobCodes.set(oobCode, { mfaToken: form.mfa_token, channel, sentCode, polls: 0 });
  return { status: 200, body: { ...base, binding_method: "prompt" } };
}

/** The `mfa-oob` grant: a push's answer (polled) or the code sent by SMS or voice. */
export async function oobGrant(
  state: FakeOktaOieState,
  origin: string,
  form: Form,
): Promise<FakeAnswer> {
  const mfa = pendingMfa(state, form);
  if ("status" in mfa) return mfa;
  const oob = state.oobCodes.get(form.oob_code ?? "");
  if (oob === undefined || oob.mfaToken !== form.mfa_token) {
    return oauthError("direct_auth_oob_code_not_for_mfa_token");
  }
  if (oob.channel !== "push") {
    if (form.binding_code !== oob.sentCode) return oauthError("direct_auth_invalid_otp");
    return await finish(state, origin, form, mfa.user);
  }
  const knobs = state.init.push ?? {};
  oob.polls++;
  if (knobs.expireAfterPolls !== undefined && oob.polls >= knobs.expireAfterPolls) {
    return oauthError("direct_auth_expired_token");
  }
  if (knobs.slowDownPolls?.includes(oob.polls)) return oauthError("slow_down");
  const push = (mfa.user.init.factors ?? []).find((f) => f.type === "push");
  if (push?.type !== "push" || push.answer === "ignore" || oob.polls <= (push.afterPolls ?? 1)) {
    return oauthError("direct_auth_authorization_pending");
  }
  if (push.answer === "reject") return oauthError("direct_auth_oob_reject");
  return await finish(state, origin, form, mfa.user);
}

/** The `mfa-otp` grant: the code of the user's authenticator app. */
export async function otpGrant(
  state: FakeOktaOieState,
  origin: string,
  form: Form,
): Promise<FakeAnswer> {
  const mfa = pendingMfa(state, form);
  if ("status" in mfa) return mfa;
  const factor = (mfa.user.init.factors ?? []).find((f) => f.type === "otp");
  if (factor?.type !== "otp") return oauthError("direct_auth_factor_enrollment_required");
  const now = Date.now();
  const valid = await Promise.all(
    [-30_000, 0, 30_000].map((skew) => totp(factor.secret, now + skew)),
  );
  if (!valid.includes(form.otp ?? "")) return oauthError("direct_auth_invalid_otp");
  return await finish(state, origin, form, mfa.user);
}

/** The sign-in `form.mfa_token` continues, or Okta's answer when it cannot be used. */
function pendingMfa(state: FakeOktaOieState, form: Form): FakeMfaToken | FakeAnswer {
  const mfa = state.mfaTokens.get(form.mfa_token ?? "");
  if (mfa === undefined || mfa.expiresAt <= Date.now()) {
    return oauthError("direct_auth_expired_token");
  }
  return mfa.clientId === form.client_id ? mfa : oauthError("invalid_client_id");
}

async function finish(
  state: FakeOktaOieState,
  origin: string,
  form: Form,
  user: FakeOieUser,
): Promise<FakeAnswer> {
  const mfa = state.mfaTokens.get(form.mfa_token)!;
  state.mfaTokens.delete(form.mfa_token);
  if (form.oob_code !== undefined) state.oobCodes.delete(form.oob_code);
  return {
    status: 200,
    body: await tokenAnswer(state, origin, {
      user,
      clientId: mfa.clientId,
      scopes: mfa.scopes,
      server: mfa.server,
    }),
  };
}

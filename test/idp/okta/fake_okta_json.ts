/**
 * The JSON bodies of Okta's Authentication API (`/api/v1/authn`), shaped as Okta documents
 * them: the authentication transaction (`status`, `stateToken` or `sessionToken`,
 * `_embedded`, `_links`) and the error object (`errorCode`, `errorSummary`, …).
 *
 * @module
 */
import type { FakeOktaFactor, FakeOktaUser } from "./fake_okta_state.ts";

type Json = Record<string, unknown>;

/** Okta's error body, e.g. `E0000004` "Authentication failed". */
export function oktaError(errorCode: string, errorSummary: string): Json {
  return {
    errorCode,
    errorSummary,
    errorLink: errorCode,
    errorId: `oae${crypto.randomUUID().replaceAll("-", "").slice(0, 22)}`,
    errorCauses: [],
  };
}

/** `SUCCESS` with the session token. */
export function successJson(user: FakeOktaUser, sessionToken: string, expiresAt: number): Json {
  return {
    expiresAt: new Date(expiresAt).toISOString(),
    status: "SUCCESS",
    sessionToken,
    _embedded: { user: userJson(user) },
  };
}

/** `MFA_REQUIRED`: the enrolled factors, each with its `verify` link. */
export function mfaRequiredJson(
  origin: string,
  user: FakeOktaUser,
  stateToken: string,
  expiresAt: number,
): Json {
  return {
    stateToken,
    expiresAt: new Date(expiresAt).toISOString(),
    status: "MFA_REQUIRED",
    _embedded: {
      user: userJson(user),
      factors: user.factors.map((factor) => ({
        ...factorJson(factor),
        _links: { verify: link(verifyHref(origin, factor), "POST") },
      })),
      policy: { allowRememberDevice: true, rememberDeviceLifetimeInMinutes: 15 },
    },
    _links: { cancel: link(`${origin}/api/v1/authn/cancel`, "POST") },
  };
}

/**
 * `MFA_CHALLENGE` for `factor`: a code was sent (`factorResult` absent, `next` is `verify`)
 * or a push is out (`factorResult` `WAITING`, `next` is `poll`; `REJECTED`/`TIMEOUT`, `next`
 * is `verify` again).
 */
export function mfaChallengeJson(
  origin: string,
  user: FakeOktaUser,
  factor: FakeOktaFactor,
  stateToken: string,
  expiresAt: number,
  factorResult?: "WAITING" | "REJECTED" | "TIMEOUT",
): Json {
  const nextName = factorResult === "WAITING" ? "poll" : "verify";
  return {
    stateToken,
    expiresAt: new Date(expiresAt).toISOString(),
    status: "MFA_CHALLENGE",
    ...(factorResult === undefined ? {} : { factorResult }),
    _embedded: { user: userJson(user), factor: factorJson(factor) },
    _links: {
      next: { name: nextName, ...link(verifyHref(origin, factor), "POST") },
      cancel: link(`${origin}/api/v1/authn/cancel`, "POST"),
      resend: [{ name: factor.init.type, ...link(`${verifyHref(origin, factor)}/resend`, "POST") }],
    },
  };
}

function verifyHref(origin: string, factor: FakeOktaFactor): string {
  return `${origin}/api/v1/authn/factors/${factor.id}/verify`;
}

function factorJson(factor: FakeOktaFactor): Json {
  const profile: Json = factor.init.type === "sms"
    ? { phoneNumber: "+1 XXX-XXX-1337" }
    : factor.init.type === "email"
    ? { email: "a...e@example.com" }
    : factor.init.type === "push"
    ? { name: "Test phone", platform: "IOS", deviceType: "SmartPhone_IPhone" }
    : { credentialId: "alice@example.com" };
  return {
    id: factor.id,
    factorType: factor.init.type,
    provider: factor.provider,
    vendorName: factor.provider,
    profile,
  };
}

function userJson(user: FakeOktaUser): Json {
  return {
    id: user.id,
    profile: { login: user.init.login, locale: "en_US", timeZone: "America/Los_Angeles" },
  };
}

function link(href: string, method: string): Json {
  return { href, hints: { allow: [method] } };
}

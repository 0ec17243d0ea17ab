import { SamlLoginError } from "../../errors.ts";
import type { OktaFactor } from "./_api.ts";
import type { MfaPrompt } from "../../adapter.ts";

/**
 * Which Okta factor to use for MFA: `push` (Okta Verify push), `totp` (a
 * `token:software:totp` code from Okta Verify or Google Authenticator), `sms`, `email`, or
 * `any` enrolled one of these.
 */
export type OktaMfaType = "push" | "totp" | "sms" | "email" | "any";

const FACTOR_TYPES: Record<Exclude<OktaMfaType, "any">, string> = {
  push: "push",
  totp: "token:software:totp",
  sms: "sms",
  email: "email",
};

/** Without a prompt to ask, a push needs nothing typed and a TOTP only the given code. */
const PREFERENCE = ["push", "token:software:totp", "sms", "email"];

/**
 * Picks the factor to verify among those Okta offers: the only one of `mfaType`, else the
 * one the user picks through `mfa` (`kind: "choose"`), else — with no prompt, or with a pass
 * code given up front — the most usable one (a TOTP when there is a pass code, else a push).
 *
 * @example
 * ```ts
 * import { chooseOktaFactor } from "./factor_choice.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const sms = { id: "sms1", factorType: "sms", provider: "OKTA", verifyHref: "https://o.example/v" };
 * const push = { id: "opf1", factorType: "push", provider: "OKTA", verifyHref: "https://o.example/v" };
 * const chosen = await chooseOktaFactor([sms, push], { mfaType: "any" });
 * assertEquals(chosen.id, "opf1");
 * ```
 */
export async function chooseOktaFactor(
  offered: readonly OktaFactor[],
  options: { mfaType: OktaMfaType; hasPassCode?: boolean; mfa?: MfaPrompt },
): Promise<OktaFactor> {
  const { mfaType } = options;
  const usable = offered.filter((factor) => PREFERENCE.includes(factor.factorType));
  const candidates = mfaType === "any"
    ? usable
    : usable.filter((factor) => factor.factorType === FACTOR_TYPES[mfaType]);
  if (candidates.length === 0) {
    const enrolled = offered.map((factor) => factor.factorType).join(", ") || "none";
    throw new SamlLoginError(
      "okta",
      `Okta asks for MFA, but the user has no ${mfaType === "any" ? "supported" : mfaType} ` +
        `factor (enrolled: ${enrolled}); set mfaType to one of push, totp, sms or email ` +
        "that the user has enrolled.",
    );
  }
  if (candidates.length === 1) return candidates[0];
  if (options.hasPassCode) {
    const totp = candidates.find((factor) => factor.factorType === "token:software:totp");
    if (totp !== undefined) return totp;
  }
  if (options.mfa === undefined) {
    return candidates.toSorted((a, b) =>
      PREFERENCE.indexOf(a.factorType) - PREFERENCE.indexOf(b.factorType)
    )[0];
  }
  const labels = candidates.map((factor) => factorLabel(factor, candidates));
  const answer = await options.mfa({
    kind: "choose",
    factor: "",
    message: "Okta asks for a second factor; choose one.",
    factors: labels,
  });
  const index = labels.indexOf(answer ?? "");
  if (index < 0) {
    throw new SamlLoginError(
      "okta",
      `The MFA prompt chose ${JSON.stringify(answer ?? null)}, which is none of the offered ` +
        `factors (${labels.join(", ")}).`,
    );
  }
  return candidates[index];
}

/** The factor's type, with its provider when another offered factor has the same type. */
function factorLabel(factor: OktaFactor, offered: readonly OktaFactor[]): string {
  const sameType = offered.filter((other) => other.factorType === factor.factorType);
  return sameType.length > 1 ? `${factor.factorType}:${factor.provider}` : factor.factorType;
}

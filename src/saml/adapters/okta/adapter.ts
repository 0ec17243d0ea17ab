import { SamlLoginError } from "../../errors.ts";
import { findSamlResponse } from "../../html_form.ts";
import { requestIdp } from "../../_idp_response.ts";
import { checkSecretUrl } from "../../_secret_url.ts";
import { OktaApi, type OktaTransaction } from "./_api.ts";
import { chooseOktaFactor, type OktaMfaType } from "./factor_choice.ts";
import { verifyOktaFactor } from "./_mfa.ts";
import type { SamlAdapter, SamlLoginContext } from "../../adapter.ts";

/**
 * Options of {@linkcode oktaAdapter}, named after CData's Okta scheme (`SSOLoginURL`,
 * `APIToken`, `MFAType`, `MFAPassCode`, `MFARememberDevice`).
 */
export interface OktaAdapterOptions {
  /**
   * The AWS app's embed link (CData's `SSOLoginURL`), e.g.
   * `https://example.okta.com/home/amazon_aws/0oa…/272`; the org is its origin. It must be
   * `https:` (plain `http:` only to a loopback address, for tests).
   */
  readonly loginUrl: string;
  /** The factor to use when Okta asks for MFA; `any` (the default) takes what is enrolled. */
  readonly mfaType?: OktaMfaType;
  /**
   * A code given up front (CData's `MFAPassCode`): a TOTP code, or the SMS/email code Okta
   * sent during an earlier attempt. Without it, codes are asked through the `mfa` prompt.
   */
  readonly mfaPassCode?: string;
  /** Asks Okta to remember the device after MFA (CData's `MFARememberDevice`); default `true`. */
  readonly rememberDevice?: boolean;
  /**
   * A trusted application's API token (CData's `APIToken`), sent as
   * `Authorization: SSWS <token>` to the Authentication API only.
   */
  readonly apiToken?: string;
  /** The pause between polls of an Okta Verify push; default 1000 ms. */
  readonly pollIntervalMs?: number;
  /** How long to wait for a push to be answered; default 5 minutes. */
  readonly pushTimeoutMs?: number;
}

/**
 * An adapter for Okta (Classic Engine Authentication API): `POST /api/v1/authn` with the
 * user name and password; when Okta answers `MFA_REQUIRED`, one factor (Okta Verify push,
 * TOTP, SMS or email) is verified — push is polled every `pollIntervalMs` until approved,
 * rejected or `pushTimeoutMs` passed; then the app's embed link is opened with the
 * single-use session token (`?onetimetoken=`) and the `SAMLResponse` is read from the form
 * Okta answers. The password, codes and tokens are only ever sent to the org's origin.
 *
 * @example
 * ```ts
 * import { oktaAdapter } from "@iamfetch/iamfetch/saml";
 * import { assertEquals } from "@std/assert";
 *
 * const adapter = oktaAdapter({
 *   loginUrl: "https://example.okta.com/home/amazon_aws/0oa1b2c3d4e5f6g7h8i9/272",
 *   mfaType: "totp",
 * });
 * assertEquals(adapter.name, "okta");
 * ```
 */
export function oktaAdapter(options: OktaAdapterOptions): SamlAdapter {
  const loginUrl = embedLink(options.loginUrl);
  return {
    name: "okta",
    async getSamlResponse(context: SamlLoginContext): Promise<string> {
      const { username, password } = context;
      if (username === undefined || password === undefined) {
        throw new SamlLoginError(
          "okta",
          "Okta needs a user name and password; pass username and password to fromSaml.",
        );
      }
      const api = new OktaApi(context, loginUrl.origin, options.apiToken);
      let answer = await api.post(`${loginUrl.origin}/api/v1/authn`, {
        username,
        password,
        options: { warnBeforePasswordExpired: false, multiOptionalFactorEnroll: false },
      }, "sign-in");
      if (answer.status === "MFA_REQUIRED" && answer.stateToken !== undefined) {
        const factor = await chooseOktaFactor(answer.factors, {
          mfaType: options.mfaType ?? "any",
          hasPassCode: options.mfaPassCode !== undefined,
          mfa: context.mfa,
        });
        answer = await verifyOktaFactor(api, context, factor, answer.stateToken, {
          passCode: options.mfaPassCode,
          rememberDevice: options.rememberDevice ?? true,
          pollIntervalMs: options.pollIntervalMs ?? 1000,
          pushTimeoutMs: options.pushTimeoutMs ?? 300_000,
        });
      }
      return await samlResponseFor(context, loginUrl, sessionTokenOf(answer));
    },
  };
}

const STATUS_ADVICE: Record<string, string> = {
  LOCKED_OUT: "the account is locked; unlock it in Okta",
  PASSWORD_EXPIRED: "the password has expired; change it in Okta's sign-in page",
  MFA_ENROLL: "the user must enrol an MFA factor first, in Okta's sign-in page",
  MFA_ENROLL_ACTIVATE: "the user must finish enrolling the MFA factor in Okta's sign-in page",
};

function sessionTokenOf(answer: OktaTransaction): string {
  if (answer.status === "SUCCESS" && answer.sessionToken !== undefined) {
    return answer.sessionToken;
  }
  const advice = STATUS_ADVICE[answer.status] ??
    "sign in once in Okta's own sign-in page to finish what it asks for";
  throw new SamlLoginError(
    "okta",
    `Okta's sign-in ended in status ${answer.status}, not SUCCESS: ${advice}.`,
  );
}

/** Opens the embed link with the session token and reads the SAML form's `SAMLResponse`. */
async function samlResponseFor(
  context: SamlLoginContext,
  loginUrl: URL,
  sessionToken: string,
): Promise<string> {
  const url = new URL(loginUrl);
  url.searchParams.set("onetimetoken", sessionToken);
  const page = await requestIdp(context, "okta", url, { headers: { accept: "text/html" } });
  context.log?.(
    `okta: GET ${loginUrl.origin}${loginUrl.pathname} -> ${page.status} ` +
      `(ended at ${page.url.origin}${page.url.pathname})`,
  );
  const samlResponse = page.status === 200 ? findSamlResponse(page.text) : undefined;
  if (samlResponse === undefined) {
    throw new SamlLoginError(
      "okta",
      `Okta's app page answered HTTP ${page.status} at ${page.url.origin}${page.url.pathname} ` +
        "without a SAMLResponse form; check that loginUrl is the AWS app's embed link and " +
        "that the user is assigned to the app.",
      { status: page.status },
    );
  }
  return samlResponse;
}

function embedLink(loginUrl: string): URL {
  let url: URL;
  try {
    url = new URL(loginUrl);
  } catch {
    throw new TypeError(`oktaAdapter: loginUrl is not a URL: ${JSON.stringify(loginUrl)}.`);
  }
  return checkSecretUrl(url, "loginUrl", "oktaAdapter", "the password is sent to its origin");
}

import { delay } from "../../../http/delay.ts";
import type { SamlAdapter } from "../../adapter.ts";
import type { OktaAwsAppChooser } from "./apps.ts";
import { directSignIn } from "./_direct.ts";
import { oktaId, oktaOrg } from "./_org.ts";
import { oieSamlAdapter } from "./_saml_flow.ts";
import { OktaOieError } from "./errors.ts";
import type { OktaOieMfaType } from "./mfa_type.ts";

/**
 * Options of {@linkcode oktaOieDirectAdapter}: okta-aws-cli's `direct` settings
 * (`--org-domain`, `--oidc-client-id`, `--authz-id`) and the MFA settings of CData's Okta
 * scheme (`MFAType`, `MFAPassCode`).
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { oktaOieDirectAdapter, type OktaOieDirectAdapterOptions } from "@iamfetch/iamfetch/saml";
 *
 * const options: OktaOieDirectAdapterOptions = {
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oa123directapp",
 *   appId: "0oa9x1rifa2H6Q5d8325",
 *   mfaType: "push",
 * };
 * oktaOieDirectAdapter(options);
 * // A URL carrying a password is refused, and the password stays out of the message.
 * const error = assertThrows(
 *   () => oktaOieDirectAdapter({ ...options, orgUrl: "https://me:hunter2@example.okta.com" }),
 *   TypeError,
 *   "orgUrl must not carry a user name or password (example.okta.com)",
 * );
 * assertEquals(error.message.includes("hunter2"), false);
 * ```
 */
export interface OktaOieDirectAdapterOptions {
  /** The org: `https://example.okta.com`, or its host. */
  readonly orgUrl: string;
  /**
   * The OIDC Native app's client id, with the Resource Owner Password and MFA OOB / MFA OTP
   * grants, the Token Exchange grant, and named as the AWS app's Allowed Web SSO Client.
   */
  readonly clientId: string;
  /** The AWS Account Federation app's id; without it the user's AWS apps are listed. */
  readonly appId?: string;
  /** Picks among the user's AWS apps. */
  readonly chooseApp?: OktaAwsAppChooser;
  /**
   * A custom authorization server's id (okta-aws-cli's `--authz-id`). Default: the org
   * authorization server, the only one whose tokens the web SSO exchange takes (it needs the
   * `okta.apps.sso` scope, an Okta API scope).
   */
  readonly authorizationServerId?: string;
  /** The second factor; default `otp` when `mfaPassCode` is given, else `push`. */
  readonly mfaType?: OktaOieMfaType;
  /** A TOTP code given up front (CData's `MFAPassCode`); otherwise asked through `mfa`. */
  readonly mfaPassCode?: string;
  /** The scopes; default `openid okta.apps.sso` (+ `okta.users.read.self` without `appId`). */
  readonly scope?: string;
  /** How long to wait for a push to be approved; default 5 minutes (Okta's own limit). */
  readonly pushTimeoutMs?: number;
  /** Waits between polls of a push. Default: a timer the login's signal cancels. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * An adapter for an Okta Identity Engine org that signs the person in without a browser,
 * with Okta's Direct Authentication grants as okta-aws-cli's `direct` command: the user name
 * and password (`password` grant); when Okta answers `mfa_required`, an Okta Verify push
 * (`/challenge`, then the `mfa-oob` grant polled every `interval` seconds, 5 s longer after
 * each `slow_down`, with the number to tap shown through `mfa` when Okta asks for one), a
 * code from an authenticator app (`mfa-otp` grant) or a code sent by SMS or voice. Then, as
 * {@linkcode oktaOieWebAdapter}, the tokens become a web SSO token and the AWS app's SAML
 * response. (okta-aws-cli's `direct` instead presents a custom authorization server's access
 * token to AssumeRoleWithWebIdentity; for that, see {@linkcode fromOktaOieM2m}'s README
 * section.) Nothing is kept between logins, so each one checks the user name and password it
 * is given. The password and codes only go to the org's own origin.
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { fromSaml, OktaOieError, oktaOieDirectAdapter } from "@iamfetch/iamfetch/saml";
 *
 * const adapter = oktaOieDirectAdapter({
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oa123directapp",
 *   appId: "0oa9x1rifa2H6Q5d8325",
 * });
 * // A stand-in org whose token endpoint refuses the password.
 * const sent: URLSearchParams[] = [];
 * const idpFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
 *   const request = new Request(input, init);
 *   if (new URL(request.url).pathname !== "/oauth2/v1/token") return new Response(null, { status: 404 });
 *   sent.push(new URLSearchParams(await request.text()));
 *   return Response.json({ error: "invalid_grant", error_description: "The credentials provided were invalid." }, { status: 400 });
 * };
 * const credentials = fromSaml({
 *   adapter,
 *   idpFetch,
 *   username: "alice@example.com",
 *   password: () => Promise.resolve("from a secret store"),
 *   region: "us-east-1",
 * });
 * const error = await assertRejects(() => credentials(), OktaOieError);
 * assertEquals([error.step, error.code], ["password", "invalid_grant"]);
 * assertEquals(
 *   ["grant_type", "client_id", "username", "password"].map((name) => sent[0].get(name)),
 *   ["password", "0oa123directapp", "alice@example.com", "from a secret store"],
 * );
 * ```
 */
export function oktaOieDirectAdapter(options: OktaOieDirectAdapterOptions): SamlAdapter {
  const caller = "oktaOieDirectAdapter";
  const org = oktaOrg(options.orgUrl, caller);
  const clientId = oktaId(options.clientId, "clientId", caller);
  const appId = options.appId === undefined ? undefined : oktaId(options.appId, "appId", caller);
  const server = options.authorizationServerId === undefined
    ? undefined
    : oktaId(options.authorizationServerId, "authorizationServerId", caller);
  const now = options.now ?? Date.now;
  const scope = options.scope ??
    `openid okta.apps.sso${appId === undefined ? " okta.users.read.self" : ""}`;
  return oieSamlAdapter(org, {
    clientId,
    appId,
    chooseApp: options.chooseApp,
    now,
    remember: false,
  }, (context) => {
    const { username, password } = context;
    if (username === undefined || password === undefined) {
      throw new OktaOieError(
        "password",
        "Okta's direct sign-in needs a user name and password; pass username and password " +
          "to fromSaml.",
      );
    }
    return directSignIn(
      context,
      org,
      {
        clientId,
        scope,
        ...(server === undefined ? {} : { authorizationServerId: server }),
        mfaType: options.mfaType ?? (options.mfaPassCode === undefined ? "push" : "otp"),
        ...(options.mfaPassCode === undefined ? {} : { mfaPassCode: options.mfaPassCode }),
        ...(context.mfa === undefined ? {} : { mfa: context.mfa }),
        pushTimeoutMs: options.pushTimeoutMs ?? 300_000,
        sleep: options.sleep ?? ((ms) => delay(ms, { signal: context.signal })),
        now,
      },
      username,
      password,
    );
  });
}

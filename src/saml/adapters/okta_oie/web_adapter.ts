import type { SsoDeviceCode } from "../../../credentials/sso/device_login.ts";
import { delay } from "../../../http/delay.ts";
import type { SamlAdapter } from "../../adapter.ts";
import type { OktaAwsAppChooser } from "./apps.ts";
import { deviceSignIn } from "./_device.ts";
import { oktaId, oktaOrg } from "./_org.ts";
import { oieSamlAdapter } from "./_saml_flow.ts";

/**
 * Options of {@linkcode oktaOieWebAdapter}, named after okta-aws-cli's settings
 * (`--org-domain`, `--oidc-client-id`, `--aws-acct-fed-app-id`).
 *
 * @example
 * ```ts
 * import { assertThrows } from "@std/assert";
 * import { oktaOieWebAdapter, type OktaOieWebAdapterOptions } from "@iamfetch/iamfetch/saml";
 *
 * const shown: string[] = [];
 * const options: OktaOieWebAdapterOptions = {
 *   orgUrl: "example.okta.com", // a host alone means https://example.okta.com
 *   clientId: "0oa5wyqjk6Wm148fE1d7",
 *   onDeviceCode: (code) => void shown.push(code.verificationUriComplete ?? code.verificationUri),
 * };
 * oktaOieWebAdapter(options);
 * // Tokens are never sent over plain HTTP (loopback test orgs aside).
 * assertThrows(
 *   () => oktaOieWebAdapter({ ...options, orgUrl: "http://example.okta.com" }),
 *   TypeError,
 *   "orgUrl must be an https: URL",
 * );
 * ```
 */
export interface OktaOieWebAdapterOptions {
  /** The org: `https://example.okta.com`, or its host as okta-aws-cli's `--org-domain`. */
  readonly orgUrl: string;
  /**
   * The OIDC Native app's client id (`--oidc-client-id`): the AWS app's "Allowed Web SSO
   * Client", with the Device Authorization and Token Exchange grants.
   */
  readonly clientId: string;
  /**
   * The AWS Account Federation app's id (`--aws-acct-fed-app-id`). Without it the user's
   * AWS apps are listed (the OIDC app needs the `okta.users.read.self` grant) and, when there
   * are several, `chooseApp` picks.
   */
  readonly appId?: string;
  /** Picks among the user's AWS apps; without it, several apps is an error listing them. */
  readonly chooseApp?: OktaAwsAppChooser;
  /**
   * Shows the person where to approve the sign-in: the same callback as `ssoLogin`'s (open
   * `verificationUriComplete`, or `verificationUri` and type `userCode`, before `expiresAt`).
   */
  readonly onDeviceCode: (info: SsoDeviceCode) => void | Promise<void>;
  /**
   * The scopes asked for. Default `openid okta.apps.sso`, plus `okta.users.read.self` when
   * there is no `appId` (okta-aws-cli asks for all three and `okta.apps.read`).
   */
  readonly scope?: string;
  /** Waits between polls of the token endpoint. Default: a timer the login's signal cancels. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * An adapter for an Okta Identity Engine org, as okta-aws-cli's `web` command signs people
 * in: the OAuth device authorization at the org authorization server (`onDeviceCode` shows
 * the page and code; the token endpoint is polled every `interval` seconds, 5 s longer after
 * each `slow_down`, until approved, denied or expired), then the tokens are exchanged for a
 * web SSO token to the AWS Account Federation app, which `POST /login/token/sso` turns into
 * the app's SAML response. `fromSaml` takes it from there (role choice, AssumeRoleWithSAML).
 * An adapter serves one person (the one its `onDeviceCode` reaches): their Okta tokens and
 * the AWS app chosen are kept for the next login while the tokens are valid. Every request
 * goes to the org's own origin, through the login's fetch, and never follows a redirect.
 *
 * @example
 * ```ts
 * import { assertEquals, assertRejects } from "@std/assert";
 * import { fromSaml, OktaOieError, oktaOieWebAdapter } from "@iamfetch/iamfetch/saml";
 *
 * const shown: string[] = [];
 * const adapter = oktaOieWebAdapter({
 *   orgUrl: "example.okta.com",
 *   clientId: "0oa5wyqjk6Wm148fE1d7",
 *   appId: "0oa9x1rifa2H6Q5d8325",
 *   onDeviceCode: (code) => void shown.push(`Open ${code.verificationUri}, enter ${code.userCode}`),
 * });
 * // A stand-in org: it hands out a device code, then the person denies the sign-in.
 * const answers: Record<string, Response> = {
 *   "/oauth2/v1/device/authorize": Response.json({
 *     device_code: "dc-1", user_code: "WDJB-MJHT", verification_uri: "https://example.okta.com/activate", expires_in: 600,
 *   }),
 *   "/oauth2/v1/token": Response.json({ error: "access_denied" }, { status: 400 }),
 * };
 * const idpFetch = (input: RequestInfo | URL, init?: RequestInit) =>
 *   Promise.resolve(answers[new URL(new Request(input, init).url).pathname] ?? new Response(null, { status: 404 }));
 * const credentials = fromSaml({ adapter, idpFetch, roleArn: "arn:aws:iam::123456789012:role/Dev", region: "us-east-1" });
 * const error = await assertRejects(() => credentials(), OktaOieError);
 * assertEquals([error.step, error.code], ["device-token", "access_denied"]);
 * assertEquals(shown, ["Open https://example.okta.com/activate, enter WDJB-MJHT"]);
 * ```
 */
export function oktaOieWebAdapter(options: OktaOieWebAdapterOptions): SamlAdapter {
  const caller = "oktaOieWebAdapter";
  const org = oktaOrg(options.orgUrl, caller);
  const clientId = oktaId(options.clientId, "clientId", caller);
  const appId = options.appId === undefined ? undefined : oktaId(options.appId, "appId", caller);
  const now = options.now ?? Date.now;
  const scope = options.scope ??
    `openid okta.apps.sso${appId === undefined ? " okta.users.read.self" : ""}`;
  return oieSamlAdapter(
    org,
    { clientId, appId, chooseApp: options.chooseApp, now, remember: true },
    (context) =>
      deviceSignIn(context, org, {
        clientId,
        scope,
        onDeviceCode: options.onDeviceCode,
        sleep: options.sleep ?? ((ms) => delay(ms, { signal: context.signal })),
        now,
      }),
  );
}

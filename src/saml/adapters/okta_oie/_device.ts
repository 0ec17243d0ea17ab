/**
 * The device authorization grant at the org authorization server, as okta-aws-cli's `web`
 * command and Okta's "Configure Device Authorization Grant Flow" guide do it:
 * `POST /oauth2/v1/device/authorize` (`client_id`, `scope`) answers a `device_code`, a
 * `user_code` and the `verification_uri` to show; then `POST /oauth2/v1/token` with
 * `grant_type=urn:ietf:params:oauth:grant-type:device_code` is polled until the person has
 * signed in and approved in a browser.
 *
 * @module
 */
import type { SsoDeviceCode } from "../../../credentials/sso/device_login.ts";
import {
  missingField,
  type OktaContext,
  oktaError,
  postOAuthForm,
  seconds,
  text,
} from "./_oauth.ts";
import type { OktaOrg } from "./_org.ts";
import { pollToken } from "./_poll.ts";
import { DEVICE_CODE_GRANT, type OktaTokens, tokensOf } from "./_tokens.ts";
import { OktaOieError } from "./errors.ts";

/** What {@linkcode deviceSignIn} needs besides the org. */
export interface DeviceSignInOptions {
  /** The OIDC Native app's client id. */
  readonly clientId: string;
  /** The scopes asked for. */
  readonly scope: string;
  /** Shows the person the page and code (the SSO device login's callback). */
  readonly onDeviceCode: (info: SsoDeviceCode) => void | Promise<void>;
  /** Waits between polls. */
  readonly sleep: (ms: number) => Promise<void>;
  /** The clock, in ms since the epoch. */
  readonly now: () => number;
}

// RFC 8628 §3.2: without an interval the client waits 5 seconds.
const DEFAULT_INTERVAL_SECONDS = 5;

/** Runs the device authorization and returns the person's tokens. */
export async function deviceSignIn(
  context: OktaContext,
  org: OktaOrg,
  options: DeviceSignInOptions,
): Promise<OktaTokens> {
  const authorizeUrl = org.oauthUrl("device/authorize");
  const authorization = await postOAuthForm(context, "device-authorization", authorizeUrl, {
    client_id: options.clientId,
    scope: options.scope,
  });
  if (authorization.status !== 200) {
    throw oktaError("device-authorization", authorizeUrl, authorization, []);
  }
  const field = (name: string) => {
    const value = text(authorization.json?.[name]);
    if (value === undefined) {
      throw missingField("device-authorization", authorizeUrl, authorization.status, name);
    }
    return value;
  };
  const deviceCode = field("device_code");
  const userCode = field("user_code");
  const verificationUri = field("verification_uri");
  const expiresIn = seconds(authorization.json?.expires_in);
  if (expiresIn === undefined) {
    throw missingField("device-authorization", authorizeUrl, authorization.status, "expires_in");
  }
  const deadline = options.now() + expiresIn * 1000;
  const complete = text(authorization.json?.verification_uri_complete);
  await options.onDeviceCode({
    userCode,
    verificationUri,
    ...(complete === undefined ? {} : { verificationUriComplete: complete }),
    expiresAt: new Date(deadline),
  });
  const tokenUrl = org.oauthUrl("token");
  const answer = await pollToken(context, {
    step: "device-token",
    url: tokenUrl,
    form: { client_id: options.clientId, device_code: deviceCode, grant_type: DEVICE_CODE_GRANT },
    secrets: [deviceCode],
    intervalSeconds: seconds(authorization.json?.interval) ?? DEFAULT_INTERVAL_SECONDS,
    deadline,
    expired: () =>
      new OktaOieError(
        "device-token",
        `The device code expired (after ${expiresIn} s) before the sign-in was approved at ` +
          `${verificationUri}; log in again and approve it sooner.`,
        { code: "expired_token" },
      ),
    sleep: options.sleep,
    now: options.now,
  });
  return tokensOf("device-token", tokenUrl, answer, options.now());
}

import { AwsError } from "../../http/errors.ts";
import { delay } from "../../http/delay.ts";
import type { ConfiguredEndpointOptions } from "../endpoints/configured_endpoint.ts";
import { SsoLoginError } from "./errors.ts";
import {
  callSsoOidc,
  DEVICE_CODE_GRANT,
  requiredNumber,
  requiredString,
  ssoOidcEndpoint,
  type SsoOidcOptions,
} from "./_oidc_client.ts";
import { type ClientRegistration, ssoClientRegistration } from "./_client_registration.ts";
import { isoSeconds, type SsoCachePlatform, writeSsoCacheFile } from "./token_cache.ts";

/**
 * What the user has to do to approve the login: open `verificationUriComplete` (or
 * `verificationUri` and type `userCode`) before `expiresAt`.
 */
export interface SsoDeviceCode {
  /** The code the user confirms in the browser. */
  userCode: string;
  /** The page where the code is entered. */
  verificationUri: string;
  /** The same page with the code filled in. */
  verificationUriComplete?: string;
  /** When the code expires. */
  expiresAt: Date;
}

/**
 * Options of {@linkcode ssoLogin}.
 *
 * @example
 * ```ts
 * import { explicitPlatform, type SsoLoginOptions } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const options: SsoLoginOptions = {
 *   startUrl: "https://my-org.awsapps.com/start",
 *   region: "eu-west-1",
 *   sessionName: "my-sso",
 *   platform: { ...explicitPlatform({ homeDir: "/home/me" }), writeTextFile: () => Promise.resolve() },
 *   onDeviceCode: (info) => console.log(`Open ${info.verificationUri} and enter ${info.userCode}`),
 * };
 * assertEquals(options.scopes, undefined);
 * ```
 */
export interface SsoLoginOptions extends ConfiguredEndpointOptions {
  /** The portal's start URL (`sso_start_url`). */
  startUrl: string;
  /** The IAM Identity Center region (`sso_region`). */
  region: string;
  /** The `sso-session` name; without it, a legacy login keyed by the start URL (no refresh). */
  sessionName?: string;
  /** Registration scopes (`sso_registration_scopes`). Default `["sso:account:access"]`. */
  scopes?: readonly string[];
  /** Reads and writes `~/.aws/sso/cache`. */
  platform: SsoCachePlatform;
  /** Shows the user the code and the page (print it, open a browser…). */
  onDeviceCode(info: SsoDeviceCode): void | Promise<void>;
  /**
   * The OIDC endpoint; default the configured one (`AWS_ENDPOINT_URL_SSO_OIDC`, …: see
   * `configuredEndpoint`), else `https://oidc.<region>.amazonaws.com`.
   */
  oidcEndpoint?: string;
  /** The fetch to use. */
  fetch?: typeof fetch;
  /** Aborts the login (the polling included). */
  signal?: AbortSignal;
  /** Waits between polls. Default: a timer that `signal` cancels. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

/**
 * What {@linkcode ssoLogin} cached. The token itself is not returned: read it with
 * `ssoAccessToken` when needed.
 */
export interface SsoLoginResult {
  /** The token cache file written. */
  cacheFile: string;
  /** When the access token expires. */
  expiresAt: Date;
  /** Whether a refresh token was cached (so the session renews itself until it ends). */
  refreshable: boolean;
}

// botocore's SSOTokenFetcher: default poll interval and the slow_down increment (RFC 8628).
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;

/**
 * Logs in to IAM Identity Center as `aws sso login` does, without the AWS CLI: registers
 * an OIDC client (cached like the CLI's registration), starts a device authorization and
 * hands the code to `onDeviceCode`, polls `CreateToken` (waiting `interval` after
 * `AuthorizationPendingException`, 5 s longer after each `SlowDownException`) and writes the
 * token cache file in the CLI's format and place, so the AWS CLI, the SDKs and `fromSso`
 * use it. Throws {@linkcode SsoLoginError} when the user denies the request
 * (`AccessDeniedException`) or the code expires (`ExpiredTokenException`, or its
 * `expiresIn` passing — botocore polls until the service says so).
 *
 * @example
 * ```ts
 * import { explicitPlatform, ssoLogin } from "@iamfetch/iamfetch/credentials";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const answers: Record<string, unknown> = {
 *   "/client/register": { clientId: "c", clientSecret: "s", clientSecretExpiresAt: 4102444800 },
 *   "/device_authorization": {
 *     deviceCode: "d", userCode: "ABCD-EFGH", verificationUri: "https://device.example/", expiresIn: 600, interval: 1,
 *   },
 *   "/token": { accessToken: "a", expiresIn: 3600, refreshToken: "r" },
 * };
 * const fetch = (input: RequestInfo | URL) => Promise.resolve(Response.json(answers[new URL((input as Request).url).pathname]));
 * const files = new Map<string, string>();
 * const platform = {
 *   ...explicitPlatform({ homeDir: "/home/me" }),
 *   writeTextFile: (path: string, text: string) => Promise.resolve(void files.set(path, text)),
 * };
 * const result = await ssoLogin({
 *   startUrl: "https://my-org.awsapps.com/start", region: "us-east-1", sessionName: "my-sso",
 *   platform, fetch, onDeviceCode: (info) => assertEquals(info.userCode, "ABCD-EFGH"),
 * });
 * assert(result.refreshable && JSON.parse(files.get(result.cacheFile)!).accessToken === "a");
 * ```
 */
export async function ssoLogin(options: SsoLoginOptions): Promise<SsoLoginResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms, { signal: options.signal }));
  const oidc: SsoOidcOptions = {
    region: options.region,
    endpoint: await ssoOidcEndpoint(options),
    fetch: options.fetch,
    signal: options.signal,
  };
  const registration = await ssoClientRegistration({
    ...options,
    // As the AWS CLI: a legacy login registers without scopes (so gets no refresh token).
    scopes: options.sessionName === undefined
      ? undefined
      : options.scopes ?? ["sso:account:access"],
    oidc,
    now,
  });
  const authorization = await callSsoOidc("/device_authorization", {
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    startUrl: options.startUrl,
  }, oidc);
  const operation = "StartDeviceAuthorization";
  const deviceCode = requiredString(authorization, "deviceCode", operation);
  const codeExpiresAt = now() + requiredNumber(authorization, "expiresIn", operation) * 1000;
  await options.onDeviceCode({
    userCode: requiredString(authorization, "userCode", operation),
    verificationUri: requiredString(authorization, "verificationUri", operation),
    ...(typeof authorization.verificationUriComplete === "string"
      ? { verificationUriComplete: authorization.verificationUriComplete }
      : {}),
    expiresAt: new Date(codeExpiresAt),
  });
  let intervalSeconds = typeof authorization.interval === "number" && authorization.interval >= 0
    ? authorization.interval
    : DEFAULT_INTERVAL_SECONDS;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const token = await callSsoOidc("/token", {
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: DEVICE_CODE_GRANT,
        deviceCode,
      }, oidc);
      return await cacheToken(options, registration, token, now());
    } catch (error) {
      const code = error instanceof AwsError ? error.code : undefined;
      if (code === "SlowDownException") intervalSeconds += SLOW_DOWN_SECONDS;
      else if (code !== "AuthorizationPendingException") throw loginError(code, error);
    }
    if (now() + intervalSeconds * 1000 >= codeExpiresAt) {
      throw loginError("ExpiredTokenException", undefined);
    }
    await sleep(intervalSeconds * 1000);
  }
}

function loginError(code: string | undefined, cause: unknown): unknown {
  if (code === "ExpiredTokenException") {
    return new SsoLoginError(
      code,
      "The device code expired before the login was approved: log in again.",
      {
        cause,
      },
    );
  }
  if (code === "AccessDeniedException") {
    return new SsoLoginError(code, "The login was denied in the browser.", { cause });
  }
  return cause;
}

async function cacheToken(
  options: SsoLoginOptions,
  registration: ClientRegistration,
  answer: Record<string, unknown>,
  now: number,
): Promise<SsoLoginResult> {
  const accessToken = requiredString(answer, "accessToken", "CreateToken");
  const expiresAt = now + requiredNumber(answer, "expiresIn", "CreateToken") * 1000;
  const refreshToken = typeof answer.refreshToken === "string" ? answer.refreshToken : undefined;
  // The AWS CLI v2's cache file: the four fields of a legacy login, plus the client and
  // refresh token for an sso-session (refreshing a legacy token is not supported there).
  const token = {
    startUrl: options.startUrl,
    region: options.region,
    accessToken,
    expiresAt: isoSeconds(expiresAt),
    ...(options.sessionName === undefined ? {} : {
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      registrationExpiresAt: registration.expiresAt,
      ...(refreshToken === undefined ? {} : { refreshToken }),
    }),
  };
  const key = options.sessionName ?? options.startUrl;
  const cacheFile = await writeSsoCacheFile(options.platform, key, token);
  return {
    cacheFile,
    expiresAt: new Date(Math.floor(expiresAt / 1000) * 1000),
    refreshable: options.sessionName !== undefined && refreshToken !== undefined,
  };
}

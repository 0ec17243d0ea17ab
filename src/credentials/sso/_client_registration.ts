import {
  callSsoOidc,
  DEVICE_CODE_GRANT,
  requiredNumber,
  requiredString,
  type SsoOidcOptions,
} from "./_oidc_client.ts";
import {
  isoSeconds,
  readSsoCacheFile,
  type SsoCachePlatform,
  writeSsoCacheFile,
} from "./token_cache.ts";

/**
 * An OIDC client registration as the AWS CLI caches it.
 */
export interface ClientRegistration {
  /** The client id. */
  clientId: string;
  /** The client secret (a secret: never logged). */
  clientSecret: string;
  /** When the registration expires: ISO 8601, UTC. */
  expiresAt: string;
  /** The scopes it was registered with. */
  scopes?: readonly string[];
}

/**
 * What {@linkcode ssoClientRegistration} needs.
 */
export interface ClientRegistrationOptions {
  /** The portal's start URL. */
  startUrl: string;
  /** The IAM Identity Center region. */
  region: string;
  /** The `sso-session` name, if any. */
  sessionName?: string;
  /** The scopes to register; `undefined` for a legacy login. */
  scopes?: readonly string[];
  /** Where the registration is cached. */
  platform: SsoCachePlatform;
  /** The OIDC service. */
  oidc: SsoOidcOptions;
  /** The clock, in epoch milliseconds. */
  now: () => number;
}

// botocore's SSOTokenFetcher registers a new client when the cached one has less left.
const REGISTRATION_EXPIRY_WINDOW_MS = 15 * 60_000;

// Python's json.dumps (ensure_ascii) escapes every non-ASCII character as \uXXXX.
function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The AWS CLI v2's cache key of a client registration, the text whose SHA-1 names the
 * cache file: `json.dumps({tool, startUrl, region, scopes, session_name}, sort_keys=True)`
 * in Python's formatting (`botocore.utils.SSOTokenFetcher._registration_cache_key`), so
 * that both reuse each other's registrations.
 *
 * @example
 * ```ts
 * import { registrationCacheKey } from "./_client_registration.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const key = registrationCacheKey({ startUrl: "https://a/start", region: "us-east-1" });
 * assertEquals(key, '{"region": "us-east-1", "scopes": null, "session_name": null, "startUrl": "https://a/start", "tool": "botocore"}');
 * ```
 */
export function registrationCacheKey(
  options: Pick<ClientRegistrationOptions, "startUrl" | "region" | "sessionName" | "scopes">,
): string {
  const scopes = options.scopes === undefined
    ? "null"
    : `[${options.scopes.map(pythonJsonString).join(", ")}]`;
  const session = options.sessionName === undefined
    ? "null"
    : pythonJsonString(options.sessionName);
  return `{"region": ${pythonJsonString(options.region)}, "scopes": ${scopes}, ` +
    `"session_name": ${session}, "startUrl": ${pythonJsonString(options.startUrl)}, ` +
    `"tool": "botocore"}`;
}

/**
 * A client registration for the login: the cached one (the AWS CLI's or ours) while it has
 * more than 15 minutes left, else a new `RegisterClient` (public client, device-code and
 * refresh-token grants), cached for next time.
 *
 * @example
 * ```ts
 * import { explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { ssoClientRegistration } from "./_client_registration.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const fetch = () => Promise.resolve(Response.json({ clientId: "c", clientSecret: "s", clientSecretExpiresAt: 4102444800 }));
 * const platform = { ...explicitPlatform({ homeDir: "/h" }), writeTextFile: () => Promise.resolve() };
 * const registration = await ssoClientRegistration({
 *   startUrl: "https://a/start", region: "us-east-1", platform, oidc: { region: "us-east-1", fetch }, now: Date.now,
 * });
 * assertEquals(registration.expiresAt, "2100-01-01T00:00:00Z");
 * ```
 */
export async function ssoClientRegistration(
  options: ClientRegistrationOptions,
): Promise<ClientRegistration> {
  const key = registrationCacheKey(options);
  const cached = await readSsoCacheFile(options.platform, key);
  if (
    typeof cached?.clientId === "string" && typeof cached.clientSecret === "string" &&
    typeof cached.expiresAt === "string" &&
    Date.parse(cached.expiresAt) - options.now() > REGISTRATION_EXPIRY_WINDOW_MS
  ) {
    return {
      clientId: cached.clientId,
      clientSecret: cached.clientSecret,
      expiresAt: cached.expiresAt,
    };
  }
  const answer = await callSsoOidc("/client/register", {
    // Deliberately not the CLI's "botocore-client-…", so the console tells the tools apart.
    clientName: `iamfetch-client-${options.sessionName ?? Math.floor(options.now() / 1000)}`,
    clientType: "public",
    ...(options.scopes === undefined ? {} : {
      scopes: options.scopes,
      grantTypes: [DEVICE_CODE_GRANT, "refresh_token"],
    }),
  }, options.oidc);
  const registration: ClientRegistration = {
    clientId: requiredString(answer, "clientId", "RegisterClient"),
    clientSecret: requiredString(answer, "clientSecret", "RegisterClient"),
    expiresAt: isoSeconds(requiredNumber(answer, "clientSecretExpiresAt", "RegisterClient") * 1000),
    ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
  };
  await writeSsoCacheFile(options.platform, key, registration);
  return registration;
}

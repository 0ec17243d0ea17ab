import { booleanSetting } from "../_boolean_setting.ts";
import type { SharedConfig } from "./shared_config.ts";

/**
 * The non-credential settings of a profile that clients need, from
 * {@linkcode profileSettings}.
 */
export interface ProfileSettings {
  /** `region`. */
  region?: string;
  /** `endpoint_url`: the endpoint of every service without its own. */
  endpointUrl?: string;
  /** `services`: the name of the `[services name]` section with per-service endpoints. */
  services?: string;
  /**
   * The `endpoint_url`s of that section, by the key they are written under (`s3`,
   * `redshift_serverless`, `sso_oidc`). Keys are matched exactly, as botocore and AWS SDK v3
   * look them up (the service id in lower case, spaces as `_`). Empty when the profile
   * names no section or a section that does not exist.
   */
  serviceEndpointUrls: ReadonlyMap<string, string>;
  /**
   * `ignore_configured_endpoint_urls` (`true` or `false`, in any case); `undefined` when
   * the profile does not set it.
   */
  ignoreConfiguredEndpointUrls?: boolean;
}

/**
 * Reads a profile's `region`, `endpoint_url`, `ignore_configured_endpoint_urls`, `services`
 * and the per-service `endpoint_url`s of the `[services]` section it names, as described in
 * the AWS SDKs and Tools reference guide ("Service-specific endpoints"). A missing profile
 * has no settings. `configuredEndpoint` applies them with the environment's, in the SDKs'
 * order.
 *
 * Throws {@linkcode CredentialSettingError} when `ignore_configured_endpoint_urls` is neither
 * `true` nor `false`.
 *
 * @param profileName The profile, e.g. from `selectedProfileName()`.
 * @param config From `loadSharedConfig()`.
 *
 * @example
 * ```ts
 * import { explicitPlatform, loadSharedConfig, profileSettings } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   files: {
 *     "/home/me/.aws/config": "[profile dev]\nregion = eu-west-1\nservices = local\n" +
 *       "[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n",
 *   },
 * });
 * const settings = profileSettings("dev", await loadSharedConfig(platform));
 * assertEquals(settings.region, "eu-west-1");
 * assertEquals(settings.serviceEndpointUrls.get("s3"), "http://127.0.0.1:9000");
 * ```
 */
export function profileSettings(profileName: string, config: SharedConfig): ProfileSettings {
  const profile = config.profiles.get(profileName) ?? {};
  const serviceEndpointUrls = new Map<string, string>();
  const servicesSection = profile.services === undefined
    ? undefined
    : config.services.get(profile.services);
  for (const [key, value] of Object.entries(servicesSection ?? {})) {
    const dot = key.lastIndexOf(".");
    if (dot > 0 && key.slice(dot + 1) === "endpoint_url") {
      serviceEndpointUrls.set(key.slice(0, dot), value);
    }
  }
  const settings: ProfileSettings = { serviceEndpointUrls };
  if (profile.region !== undefined) settings.region = profile.region;
  if (profile.endpoint_url !== undefined) settings.endpointUrl = profile.endpoint_url;
  if (profile.services !== undefined) settings.services = profile.services;
  const ignore = booleanSetting(
    profile.ignore_configured_endpoint_urls,
    `profile ${profileName}`,
    "ignore_configured_endpoint_urls",
  );
  if (ignore !== undefined) settings.ignoreConfiguredEndpointUrls = ignore;
  return settings;
}

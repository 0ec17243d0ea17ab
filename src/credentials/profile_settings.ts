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
  /**
   * `endpoint_url`s of the `[services name]` section the profile's `services` setting
   * names, by service identifier as written there in lower case (`s3`, `dynamodb`,
   * `elastic_beanstalk`).
   */
  serviceEndpointUrls: ReadonlyMap<string, string>;
  /** `ignore_configured_endpoint_urls = true`: use the default endpoints regardless. */
  ignoreConfiguredEndpointUrls: boolean;
}

/**
 * Reads a profile's `region`, `endpoint_url`, `ignore_configured_endpoint_urls` and the
 * per-service `endpoint_url`s of its `services` section, as described in the AWS SDKs and
 * Tools reference guide ("Service-specific endpoints"). A missing profile has no settings.
 * To pick an endpoint: `settings.serviceEndpointUrls.get(service) ?? settings.endpointUrl`,
 * unless `ignoreConfiguredEndpointUrls`.
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
      serviceEndpointUrls.set(key.slice(0, dot).toLowerCase(), value);
    }
  }
  const settings: ProfileSettings = {
    serviceEndpointUrls,
    ignoreConfiguredEndpointUrls: profile.ignore_configured_endpoint_urls?.toLowerCase() === "true",
  };
  if (profile.region !== undefined) settings.region = profile.region;
  if (profile.endpoint_url !== undefined) settings.endpointUrl = profile.endpoint_url;
  return settings;
}

import { booleanSetting } from "../_boolean_setting.ts";
import { defaultPlatform } from "../platform/default.ts";
import { CredentialSettingError } from "../errors.ts";
import type { Platform } from "../platform/types.ts";
import { profileSettings } from "../profile/settings.ts";
import { selectedProfileName } from "../profile/selected_name.ts";
import { loadSharedConfig, type SharedConfig } from "../profile/shared_config.ts";

/**
 * Where {@linkcode configuredEndpoint} looks: the environment and shared config of a
 * platform, for one profile. Every client of this library (`StsClient`, the Redshift, IAM
 * Identity Center and Cognito clients) and every STS-backed provider takes these options.
 *
 * @example
 * ```ts
 * import { type ConfiguredEndpointOptions, explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * // A Worker: its bindings are the environment.
 * const options: ConfiguredEndpointOptions = {
 *   platform: explicitPlatform({ env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4566" } }),
 * };
 * assertEquals(options.profile, undefined);
 * ```
 */
export interface ConfiguredEndpointOptions {
  /**
   * Where the environment variables and the shared config file are read. Default:
   * `defaultPlatform()` — which finds nothing in Workers and browsers: pass
   * `explicitPlatform({ env })` there.
   */
  platform?: Platform;
  /**
   * The profile whose `endpoint_url`, `services` and `ignore_configured_endpoint_urls`
   * apply. Default: `AWS_PROFILE`, else `default`.
   */
  profile?: string;
  /**
   * `true`: no configured endpoint is used (AWS SDK v3's client option of that name). Unset
   * or `false`: `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` and the profile decide.
   */
  ignoreConfiguredEndpointUrls?: boolean;
  /**
   * The shared config when the caller has loaded it already (a provider that read it for
   * credentials): the files are then not read again.
   */
  sharedConfig?: SharedConfig;
}

const IGNORE_VARIABLE = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
const GLOBAL_VARIABLE = "AWS_ENDPOINT_URL";

function endpointUrl(value: string | undefined, source: string, setting: string): URL | undefined {
  // An empty value is unset, so the next place is looked at (botocore and AWS SDK v3 alike).
  if (value === undefined || value === "") return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new CredentialSettingError(
      source,
      setting,
      "must be an absolute http(s) URL, e.g. http://127.0.0.1:9000.",
    );
  }
  return url;
}

/**
 * The endpoint configured outside the code for the AWS service whose SDK service id is
 * `serviceId` (`"STS"`, `"Redshift Serverless"`, `"SSO OIDC"`, `"Cognito Identity"`), by the
 * rules of the AWS SDKs and Tools reference guide, "Service-specific endpoints" (botocore's
 * `ConfiguredEndpointProvider`, AWS SDK v3's `getEndpointFromConfig`), first found wins:
 *
 * 1. `AWS_ENDPOINT_URL_<SERVICE>`: the service id upper-cased, spaces as `_`
 *    (`AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS`, `AWS_ENDPOINT_URL_SSO_OIDC`);
 * 2. `AWS_ENDPOINT_URL`;
 * 3. in the profile's `services = name` section `[services name]`, the `endpoint_url` under
 *    the service id lower-cased, spaces as `_` (`redshift_serverless =` /
 *    `  endpoint_url = …`);
 * 4. the profile's `endpoint_url`.
 *
 * None applies when `ignoreConfiguredEndpointUrls` is set, or
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`, or — that variable unset — the profile's
 * `ignore_configured_endpoint_urls` is `true`. An endpoint given in code wins over all of
 * these: it is the caller's to check first. Resolves to `undefined` when nothing is
 * configured (the service's default endpoint then applies).
 *
 * The files are read only when the environment does not decide alone, and not at all when
 * `sharedConfig` is given. Throws `CredentialSettingError` for a value that is not an
 * http(s) URL, an `ignore…` setting that is not `true` / `false`, and a `services` setting
 * naming a section the config file does not have. The last is botocore's (and so the AWS
 * CLI's) behaviour; AWS SDK v3 throws there too but its own fallback catches the error and
 * quietly uses the default endpoint, which would send calls to AWS that the user meant for
 * another endpoint.
 *
 * @param serviceId The service's SDK service id, words separated by single spaces.
 * @param options The platform, profile and, when loaded already, the shared config.
 *
 * @example
 * ```ts
 * import { configuredEndpoint, explicitPlatform } from "@iamfetch/iamfetch/credentials";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({
 *   homeDir: "/home/me",
 *   env: { AWS_ENDPOINT_URL_STS: "http://127.0.0.1:5000" },
 *   files: {
 *     "/home/me/.aws/config": "[default]\nendpoint_url = http://127.0.0.1:4566\n",
 *   },
 * });
 * const sts = await configuredEndpoint("STS", { platform });
 * const redshift = await configuredEndpoint("Redshift", { platform });
 * assertEquals(sts?.href, "http://127.0.0.1:5000/");
 * assertEquals(redshift?.href, "http://127.0.0.1:4566/");
 * ```
 */
export async function configuredEndpoint(
  serviceId: string,
  options: ConfiguredEndpointOptions = {},
): Promise<URL | undefined> {
  if (options.ignoreConfiguredEndpointUrls) return undefined;
  const platform = options.platform ?? defaultPlatform();
  const words = serviceId.split(" ");
  const ignoredByEnv = booleanSetting(
    platform.env(IGNORE_VARIABLE),
    "environment",
    IGNORE_VARIABLE,
  );
  if (ignoredByEnv === true) return undefined;
  const serviceVariable = `${GLOBAL_VARIABLE}_${words.map((w) => w.toUpperCase()).join("_")}`;
  const fromEnv = endpointUrl(platform.env(serviceVariable), "environment", serviceVariable) ??
    endpointUrl(platform.env(GLOBAL_VARIABLE), "environment", GLOBAL_VARIABLE);
  // The variable decides whether configured endpoints count; unset, the profile does.
  if (fromEnv !== undefined && ignoredByEnv === false) return fromEnv;

  const config = options.sharedConfig ?? await loadSharedConfig(platform);
  const profileName = selectedProfileName(platform, options.profile);
  const settings = profileSettings(profileName, config);
  if (ignoredByEnv ?? settings.ignoreConfiguredEndpointUrls) return undefined;
  if (fromEnv !== undefined) return fromEnv;
  if (settings.services !== undefined && !config.services.has(settings.services)) {
    throw new CredentialSettingError(
      `profile ${profileName}`,
      "services",
      `names [services ${settings.services}], which is not in ${
        config.configFilepath ?? "the config file"
      }.`,
    );
  }
  const key = words.map((w) => w.toLowerCase()).join("_");
  return endpointUrl(
    settings.serviceEndpointUrls.get(key),
    `[services ${settings.services}]`,
    `${key}.endpoint_url`,
  ) ?? endpointUrl(settings.endpointUrl, `profile ${profileName}`, "endpoint_url");
}

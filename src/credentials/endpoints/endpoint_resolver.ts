import { configuredEndpoint, type ConfiguredEndpointOptions } from "./configured_endpoint.ts";

/**
 * How a client finds the endpoint of its service, with the AWS SDKs' precedence: `explicit`
 * (an endpoint given in code) when there is one — parsed now, so a bad URL fails where it
 * was written —, else the one {@linkcode configuredEndpoint} finds for `serviceId`, else
 * `defaultEndpoint()`. The configured endpoint is looked up once, at the first call, so that
 * creating a client reads no file and a client reads them at most once; a failed lookup (a
 * broken config file) is not remembered, and the next call tries again.
 *
 * @param serviceId The SDK service id, e.g. `"STS"`.
 * @param explicit The client's `endpoint` option.
 * @param options Where configured endpoints are looked up.
 * @param defaultEndpoint Returns the service's endpoint when nothing is configured.
 * @returns A function resolving to the endpoint.
 *
 * @example
 * ```ts
 * import { endpointResolver } from "./endpoint_resolver.ts";
 * import { explicitPlatform } from "../platform/explicit.ts";
 * import { assertEquals } from "@std/assert";
 *
 * const platform = explicitPlatform({ env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4566" } });
 * const fallback = () => new URL("https://sts.eu-west-1.amazonaws.com/");
 * const configured = endpointResolver("STS", undefined, { platform }, fallback);
 * const explicit = endpointResolver("STS", "http://127.0.0.1:9000", { platform }, fallback);
 * assertEquals((await configured()).href, "http://127.0.0.1:4566/");
 * assertEquals((await explicit()).href, "http://127.0.0.1:9000/");
 * ```
 */
export function endpointResolver(
  serviceId: string,
  explicit: string | URL | undefined,
  options: ConfiguredEndpointOptions,
  defaultEndpoint: () => URL,
): () => Promise<URL> {
  if (explicit !== undefined) {
    const url = new URL(explicit);
    return () => Promise.resolve(url);
  }
  let resolved: Promise<URL> | undefined;
  return () =>
    resolved ??= configuredEndpoint(serviceId, options).then(
      (url) => url ?? defaultEndpoint(),
      (error) => {
        resolved = undefined;
        throw error;
      },
    );
}

import type { StsClientOptions } from "./sts_client.ts";

/**
 * Where and how the STS-backed providers reach STS: every {@linkcode StsClientOptions}
 * but the credentials, which each provider brings itself.
 *
 * @example
 * ```ts
 * import type { StsConnection } from "@iamfetch/iamfetch/sts";
 *
 * const connection: StsConnection = { region: "eu-west-1", endpoint: "http://127.0.0.1:9000" };
 * ```
 */
export type StsConnection = Omit<StsClientOptions, "credentials">;

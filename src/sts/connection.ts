import type { StsClientOptions } from "./client.ts";

/**
 * Where and how the STS-backed providers reach STS: every {@linkcode StsClientOptions}
 * but the credentials, which each provider brings itself.
 */
export type StsConnection = Omit<StsClientOptions, "credentials">;

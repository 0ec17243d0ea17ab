import { checkCredentials, type Credentials } from "../sigv4/credentials.ts";
import { toSafeCredentials } from "./redacted_credentials.ts";

/**
 * The credentials of the JSON document the EC2 instance metadata service and the ECS / EKS
 * container endpoint both answer (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`
 * as ISO 8601 text), checked as any credentials and redacted from logs.
 */
export function metadataCredentials(json: Record<string, unknown>): Credentials {
  return toSafeCredentials(checkCredentials({
    accessKeyId: json.AccessKeyId,
    secretAccessKey: json.SecretAccessKey,
    sessionToken: json.Token,
    expiration: typeof json.Expiration === "string" ? new Date(json.Expiration) : undefined,
  }));
}

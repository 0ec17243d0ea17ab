import type { CredentialsInput } from "../sigv4/credentials.ts";
import { TokenInputError } from "./errors.ts";
import { checkTokenHostname, dsqlRegionFromHostname, tokenRegion } from "./rds/host.ts";
import { checkExpiresIn } from "./rds/auth_token.ts";
import { presignedToken } from "./_presigned_token.ts";

/**
 * Options of {@linkcode dsqlAuthToken}.
 */
export interface DsqlAuthTokenOptions {
  /** The cluster endpoint, `<cluster-id>.dsql.<region>.on.aws`, bare. */
  hostname: string;
  /** The region; defaults to the one in the hostname. */
  region?: string;
  /** Credentials, or a provider called once for this token. */
  credentials: CredentialsInput;
  /** `DbConnectAdmin` for the `admin` role, `DbConnect` for any other role. */
  action: "DbConnect" | "DbConnectAdmin";
  /** Seconds the token is valid, 1 to 604800 (one week); 900 by default, as the SDK. */
  expiresIn?: number;
  /** The signing time; defaults to now. */
  date?: Date;
}

// Aurora DSQL tokens may be valid for up to one week (the SigV4 presign maximum).
const MAX_EXPIRES_IN = 604800;

/**
 * The IAM authentication token of an Aurora DSQL cluster: `GET https://<hostname>/?Action=<action>`
 * presigned for `dsql` without its `https://`, byte-identical to `@aws-sdk/dsql-signer`'s
 * `getDbConnectAuthToken()` / `getDbConnectAdminAuthToken()`. Pass it as the PostgreSQL
 * password (user `admin` with `DbConnectAdmin`).
 *
 * @example
 * ```ts
 * import { dsqlAuthToken } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const token = await dsqlAuthToken({
 *   hostname: "abcdefghijklmnopqrst.dsql.us-east-1.on.aws",
 *   action: "DbConnectAdmin",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 * });
 * assert(token.startsWith("abcdefghijklmnopqrst.dsql.us-east-1.on.aws/?Action=DbConnectAdmin&X-Amz-Algorithm="));
 * ```
 */
export function dsqlAuthToken(options: DsqlAuthTokenOptions): Promise<string> {
  try {
    if (options === null || typeof options !== "object") {
      throw new TokenInputError("dsqlAuthToken needs options { hostname, action, credentials }.");
    }
    const hostname = checkTokenHostname(options.hostname);
    if (options.action !== "DbConnect" && options.action !== "DbConnectAdmin") {
      throw new TokenInputError('action must be "DbConnect" or "DbConnectAdmin".');
    }
    const region = tokenRegion(options.region, hostname, dsqlRegionFromHostname);
    return presignedToken({
      host: hostname,
      query: "Action=" + options.action,
      service: "dsql",
      region,
      credentials: options.credentials,
      date: options.date,
      expiresIn: checkExpiresIn(options.expiresIn, MAX_EXPIRES_IN),
    });
  } catch (error) {
    return Promise.reject(error);
  }
}

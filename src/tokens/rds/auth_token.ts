import type { CredentialsInput } from "../../sigv4/credentials.ts";
import { uriEncode } from "../../_shared/uri_encode.ts";
import { TokenInputError } from "../errors.ts";
import { checkTokenHostname, rdsRegionFromHostname, tokenRegion } from "./host.ts";
import { presignedToken } from "../_presigned_token.ts";

/**
 * Options of {@linkcode rdsAuthToken}.
 */
export interface RdsAuthTokenOptions {
  /** The endpoint the driver connects to (cluster, reader, instance, proxy or custom), bare. */
  hostname: string;
  /** The port the driver connects to, 1 to 65535. */
  port: number;
  /** The database user, created `WITH AWSAuthenticationPlugin` (MySQL) or granted `rds_iam`. */
  username: string;
  /** The region; defaults to the one in an `*.rds.amazonaws.com[.cn]` hostname. */
  region?: string;
  /** Credentials, or a provider called once for this token. */
  credentials: CredentialsInput;
  /** The signing time; defaults to now. */
  date?: Date;
  /** Seconds the token is valid, 1 to 900 (RDS's limit and the default). */
  expiresIn?: number;
}

// RDS accepts an IAM token for 15 minutes ("Each authentication token has a lifetime of 15
// minutes", IAM database authentication docs); @aws-sdk/rds-signer always presigns 900 s.
const MAX_EXPIRES_IN = 900;
// Control characters would end up in the driver's startup packet and the server's user
// lookup; a lone surrogate cannot be UTF-8 encoded. AWS rejects both, so fail early.
// Deliberately NOT rejected, although issue 5 listed it: other non-ASCII user names.
// PostgreSQL and MySQL allow them, @aws-sdk/rds-signer signs them, and the driver tests
// log in as `ユーザー o'brien`; refusing them would break working setups.
const USERNAME_FORBIDDEN =
  // deno-lint-ignore no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The IAM authentication token of an RDS or Aurora database (PostgreSQL, MySQL, MariaDB):
 * `GET https://<hostname>:<port>/?Action=connect&DBUser=<username>` presigned for `rds-db`
 * (900 s) without its `https://`, byte-identical to `@aws-sdk/rds-signer`'s
 * `getAuthToken()`. Pass it as the driver's password, over TLS.
 *
 * Throws {@linkcode TokenInputError} for a bad hostname, port, user name or expiry, or when
 * there is no region; `CredentialsError` for missing or expired credentials.
 *
 * @example
 * ```ts
 * import { rdsAuthToken } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const token = await rdsAuthToken({
 *   hostname: "db.cluster-abc123.us-east-1.rds.amazonaws.com",
 *   port: 5432,
 *   username: "app",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 * });
 * assert(token.startsWith("db.cluster-abc123.us-east-1.rds.amazonaws.com:5432/?Action=connect&DBUser=app&"));
 * // new pg.Client({ host, port, user: "app", password: () => rdsAuthToken({ ... }), ssl: true })
 * ```
 */
export function rdsAuthToken(options: RdsAuthTokenOptions): Promise<string> {
  try {
    if (options === null || typeof options !== "object") {
      throw new TokenInputError(
        "rdsAuthToken needs options { hostname, port, username, credentials }.",
      );
    }
    const hostname = checkTokenHostname(options.hostname);
    const port = checkPort(options.port);
    const username = checkUsername(options.username);
    const region = tokenRegion(options.region, hostname, rdsRegionFromHostname);
    const expiresIn = checkExpiresIn(options.expiresIn, MAX_EXPIRES_IN);
    return presignedToken({
      host: hostname + ":" + port,
      query: "Action=connect&DBUser=" + uriEncode(username),
      service: "rds-db",
      region,
      credentials: options.credentials,
      date: options.date,
      expiresIn,
    });
  } catch (error) {
    return Promise.reject(error);
  }
}

function checkPort(port: unknown): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TokenInputError(
      `port must be an integer from 1 to 65535, got ${
        typeof port === "number" ? String(port) : typeof port
      }.`,
    );
  }
  return port;
}

function checkUsername(username: unknown): string {
  if (typeof username !== "string" || username === "") {
    throw new TokenInputError("username is missing or empty: pass the database user.");
  }
  if (USERNAME_FORBIDDEN.test(username)) {
    throw new TokenInputError(
      "username contains a control character or an unpaired surrogate, which no database user name can.",
    );
  }
  return username;
}

/** Checks an optional `expiresIn` (integer seconds, 1 to `max`); defaults to 900. */
export function checkExpiresIn(expiresIn: unknown, max: number): number {
  if (expiresIn === undefined) return Math.min(900, max);
  if (
    typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn < 1 ||
    expiresIn > max
  ) {
    throw new TokenInputError(
      `expiresIn must be an integer number of seconds from 1 to ${max}, got ${String(expiresIn)}.`,
    );
  }
  return expiresIn;
}

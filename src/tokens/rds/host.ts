import { TokenInputError } from "../errors.ts";

/**
 * The database engines whose default port {@linkcode rdsDefaultPort} knows.
 */
export type RdsEngine = "postgres" | "mysql" | "mariadb";

const DEFAULT_PORTS: Record<RdsEngine, number> = { postgres: 5432, mysql: 3306, mariadb: 3306 };

/**
 * The port an engine listens on by default, which the AWS Advanced Python Wrapper's IAM
 * plugin signs when neither `iam_default_port` nor a port in the connection string is given:
 * PostgreSQL 5432, MySQL and MariaDB 3306.
 *
 * @example
 * ```ts
 * import { rdsDefaultPort } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(rdsDefaultPort("postgres"), 5432);
 * assertEquals(rdsDefaultPort("mysql"), 3306);
 * ```
 */
export function rdsDefaultPort(engine: RdsEngine): number {
  const port = Object.hasOwn(DEFAULT_PORTS, engine) ? DEFAULT_PORTS[engine] : undefined;
  if (port === undefined) {
    throw new TokenInputError(
      `Unknown engine ${
        JSON.stringify(String(engine))
      }: use "postgres", "mysql" or "mariadb", or give the port.`,
    );
  }
  return port;
}

// The region is the label before `rds.amazonaws.com[.cn]` for every endpoint shape
// (`<id>.cluster-<hash>.`, `cluster-ro-`, `cluster-custom-`, `proxy-`, `limitless-`, instance
// `<id>.<hash>.`), and after `rds.` in the newer China form `<id>.<hash>.rds.<region>.amazonaws.com.cn`;
// the same patterns as RdsUtils in the AWS Advanced JDBC/Python wrappers.
const RDS_HOST = /^(?:[a-z0-9-]+\.)+([a-z0-9-]+)\.rds\.amazonaws\.com(?:\.cn)?$/;
const RDS_CHINA_HOST = /^(?:[a-z0-9-]+\.)+rds\.([a-z0-9-]+)\.amazonaws\.com\.cn$/;
const DSQL_HOST = /^[a-z0-9-]+\.dsql(?:-[a-z0-9]+)?\.([a-z0-9-]+)\.on\.aws$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
// The longest DNS name in text form (RFC 1035), with a trailing dot.
const MAX_HOSTNAME_LENGTH = 254;

/**
 * The region in an RDS endpoint (cluster, reader, custom, instance or proxy; `amazonaws.com`
 * and `amazonaws.com.cn`), or `undefined` for any other hostname.
 *
 * @example
 * ```ts
 * import { rdsRegionFromHostname } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(rdsRegionFromHostname("db.cluster-ro-abc123.eu-west-1.rds.amazonaws.com"), "eu-west-1");
 * assertEquals(rdsRegionFromHostname("db.abc123.rds.cn-north-1.amazonaws.com.cn"), "cn-north-1");
 * assertEquals(rdsRegionFromHostname("db.example.com"), undefined);
 * ```
 */
export function rdsRegionFromHostname(hostname: string): string | undefined {
  // No DNS name is longer; a longer text (a hostile connection string) would also make the
  // regular expressions below recurse past the stack (RangeError) on many labels.
  if (hostname.length > MAX_HOSTNAME_LENGTH) return undefined;
  const host = hostname.toLowerCase();
  const region = RDS_CHINA_HOST.exec(host)?.[1] ?? RDS_HOST.exec(host)?.[1];
  return region !== undefined && REGION.test(region) ? region : undefined;
}

/**
 * The region in an Aurora DSQL endpoint `<cluster-id>.dsql.<region>.on.aws`, or `undefined`.
 *
 * @example
 * ```ts
 * import { dsqlRegionFromHostname } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * assertEquals(dsqlRegionFromHostname("abcdefghijklmnopqrst.dsql.us-east-1.on.aws"), "us-east-1");
 * ```
 */
export function dsqlRegionFromHostname(hostname: string): string | undefined {
  if (hostname.length > MAX_HOSTNAME_LENGTH) return undefined;
  const region = DSQL_HOST.exec(hostname.toLowerCase())?.[1];
  return region !== undefined && REGION.test(region) ? region : undefined;
}

// A DNS name or IP literal as drivers pass it: labels of letters, digits, hyphens and
// underscores. Anything else (scheme, path, port, userinfo, spaces) would change the
// signed URL's structure.
const HOSTNAME =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?$/;

/** Checks a token hostname; returns it lowercased (DNS names are case-insensitive). */
export function checkTokenHostname(hostname: unknown): string {
  if (typeof hostname !== "string" || hostname === "") {
    throw new TokenInputError("hostname is missing or empty: pass the database endpoint.");
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostname)) {
    throw new TokenInputError(
      `hostname ${
        JSON.stringify(hostname)
      } has a scheme: pass the bare endpoint, without "https://".`,
    );
  }
  if (hostname.length > 253 || !HOSTNAME.test(hostname)) {
    throw new TokenInputError(
      `hostname ${
        JSON.stringify(hostname)
      } is not a bare DNS name: no scheme, port, path or spaces (give the port separately).`,
    );
  }
  return hostname.toLowerCase();
}

/** Checks a region given explicitly, or found in the hostname. */
export function tokenRegion(
  region: unknown,
  hostname: string,
  fromHostname: (hostname: string) => string | undefined,
): string {
  if (region === undefined || region === null || region === "") {
    const found = fromHostname(hostname);
    if (found === undefined) {
      throw new TokenInputError(
        `No region given and none found in hostname ${
          JSON.stringify(hostname)
        }: pass region (e.g. "us-east-1").`,
      );
    }
    return found;
  }
  if (typeof region !== "string" || !/^[a-z0-9-]{1,63}$/.test(region)) {
    throw new TokenInputError(
      `region ${JSON.stringify(String(region))} is not an AWS region name such as "us-east-1".`,
    );
  }
  return region;
}

import {
  type Credentials,
  type CredentialsInput,
  resolveCredentials,
} from "../../sigv4/credentials.ts";
import { TokenInputError } from "../errors.ts";
import { rdsAuthToken } from "./auth_token.ts";
import {
  checkTokenHostname,
  rdsDefaultPort,
  type RdsEngine,
  rdsRegionFromHostname,
  tokenRegion,
} from "./host.ts";

/**
 * Options of {@linkcode RdsTokenCache}.
 */
export interface RdsTokenCacheOptions {
  /** Seconds a token is reused (`iam_expiration`); default 870, at most 900. */
  expiration?: number;
  /** How many tokens are kept; the least recently used goes first. Default 1000. */
  maxEntries?: number;
  /** The current time in milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

/**
 * What {@linkcode RdsTokenCache.prototype.token} needs: the connection's host and port, and
 * the AWS Advanced Python Wrapper IAM plugin's overrides.
 */
export interface RdsTokenRequest {
  /** The host the driver connects to. */
  hostname: string;
  /** The port the driver connects to, if the connection string has one. */
  port?: number;
  /** The engine, for its default port when no port is given. */
  engine?: RdsEngine;
  /** The database user. */
  username: string;
  /** Credentials, or a provider; resolved on every call (the identity is part of the key). */
  credentials: CredentialsInput;
  /** `iam_host`: the hostname to sign instead of `hostname` (custom endpoints, IPs, tunnels). */
  iamHost?: string;
  /** `iam_default_port`: the port to sign, overriding `port` and the engine's default. */
  iamDefaultPort?: number;
  /** `iam_region`: the region, instead of the one parsed from the signed hostname. */
  iamRegion?: string;
}

interface CachedToken {
  token: string;
  reuseUntil: number;
}

const DEFAULT_EXPIRATION = 870;
const TOKEN_LIFETIME = 900;
// Never hand out a token that expires within a minute: connecting takes time.
const MIN_REMAINING_MS = 60_000;

/**
 * A cache of RDS IAM tokens, as the AWS Advanced Python Wrapper's IAM plugin keeps: a token
 * is reused for `expiration` seconds (`iam_expiration`, default 870), keyed by
 * host, port, user, region and access key id, and never handed out within a minute of its
 * expiry (nor of its credentials' expiry). Lookup is one `Map` access.
 *
 * @example
 * ```ts
 * import { RdsTokenCache } from "@iamfetch/iamfetch/tokens";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const cache = new RdsTokenCache();
 * const request = {
 *   hostname: "db.cluster-abc123.us-east-1.rds.amazonaws.com",
 *   engine: "postgres" as const,
 *   username: "app",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 * };
 * const first = await cache.token(request);
 * assert(first.includes(":5432/?Action=connect&DBUser=app&"));
 * assertEquals((await cache.token(request)), first);
 * ```
 */
export class RdsTokenCache {
  readonly #expirationMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #tokens = new Map<string, CachedToken>();

  /** Creates an empty cache; throws {@linkcode TokenInputError} for bad options. */
  constructor(options: RdsTokenCacheOptions = {}) {
    const expiration = options.expiration ?? DEFAULT_EXPIRATION;
    if (!Number.isInteger(expiration) || expiration < 1 || expiration > TOKEN_LIFETIME) {
      throw new TokenInputError(
        `expiration must be an integer number of seconds from 1 to ${TOKEN_LIFETIME}, got ${
          String(expiration)
        }.`,
      );
    }
    const maxEntries = options.maxEntries ?? 1000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new TokenInputError(
        `maxEntries must be a positive integer, got ${String(maxEntries)}.`,
      );
    }
    this.#expirationMs = expiration * 1000;
    this.#maxEntries = maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /** How many tokens the cache holds. */
  get size(): number {
    return this.#tokens.size;
  }

  /** Forgets every token. */
  clear(): void {
    this.#tokens.clear();
  }

  /** A cached token still good for a minute, or a new one (then cached). */
  async token(request: RdsTokenRequest): Promise<string> {
    const hostname = checkTokenHostname(request.iamHost || request.hostname);
    const port = request.iamDefaultPort ?? request.port ??
      (request.engine === undefined ? undefined : rdsDefaultPort(request.engine));
    if (port === undefined) {
      throw new TokenInputError("No port: pass port, iamDefaultPort or engine.");
    }
    const region = tokenRegion(request.iamRegion, hostname, rdsRegionFromHostname);
    const credentials: Credentials = await resolveCredentials(request.credentials);
    const key = JSON.stringify([hostname, port, request.username, region, credentials.accessKeyId]);
    const now = this.#now();
    const cached = this.#tokens.get(key);
    if (cached !== undefined) {
      this.#tokens.delete(key);
      if (now < cached.reuseUntil) {
        this.#tokens.set(key, cached); // most recently used last
        return cached.token;
      }
    }
    const token = await rdsAuthToken({
      hostname,
      port,
      username: request.username,
      region,
      credentials,
      date: new Date(now),
    });
    let goodUntil = now + TOKEN_LIFETIME * 1000;
    if (credentials.expiration) goodUntil = Math.min(goodUntil, credentials.expiration.getTime());
    const reuseUntil = Math.min(now + this.#expirationMs, goodUntil - MIN_REMAINING_MS);
    if (reuseUntil > now) {
      this.#tokens.set(key, { token, reuseUntil });
      if (this.#tokens.size > this.#maxEntries) {
        this.#tokens.delete(this.#tokens.keys().next().value!);
      }
    }
    return token;
  }
}

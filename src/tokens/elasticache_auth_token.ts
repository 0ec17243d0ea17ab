import type { CredentialsInput } from "../sigv4/credentials.ts";
import { SigningInputError } from "../sigv4/errors.ts";
import { SigV4Signer } from "../sigv4/signer.ts";

/**
 * Options of {@linkcode elastiCacheAuthToken}: name the cache with `replicationGroupId`
 * (node-based) or `cacheName` (either; required for serverless).
 */
export interface ElastiCacheAuthTokenOptions {
  /** The ElastiCache user id (authentication mode IAM); also the user name to AUTH as. */
  userId: string;
  /** The replication group id of a node-based cluster. */
  replicationGroupId?: string;
  /** The cache name: a serverless cache, or a node-based cluster's replication group id. */
  cacheName?: string;
  /** The region of the cache. */
  region: string;
  /** Credentials, or a provider called once for this token. */
  credentials: CredentialsInput;
  /** A serverless cache: adds `ResourceType=ServerlessCache`. Default `false`. */
  serverless?: boolean;
  /** The signing time; defaults to now. */
  date?: Date;
  /** Seconds the token is valid, 1 to 900 (ElastiCache's maximum and the default). */
  expiresIn?: number;
}

// ElastiCache accepts tokens up to 15 minutes old ("valid for 15 minutes", auth-iam docs).
const MAX_EXPIRES_IN = 900;
// The name becomes the host of the signed URL; allow what ElastiCache names allow, and no
// character that would change the URL's structure.
const CACHE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;

/**
 * The IAM auth token for ElastiCache (Valkey or Redis OSS 7+): the presigned URL of
 * `GET http://<cache>/?Action=connect&User=<userId>` (service `elasticache`) without its
 * `http://`, as AWS's ElastiCache IAM authentication example builds it. Send it as the password
 * of `AUTH <userId> <token>` (or `HELLO`), over TLS.
 *
 * @example
 * ```ts
 * import { elastiCacheAuthToken } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const token = await elastiCacheAuthToken({
 *   userId: "iam-user-01",
 *   replicationGroupId: "my-redis",
 *   region: "us-east-1",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 * });
 * assert(token.startsWith("my-redis/?Action=connect&User=iam-user-01&X-Amz-Algorithm="));
 * ```
 */
export async function elastiCacheAuthToken(options: ElastiCacheAuthTokenOptions): Promise<string> {
  const cache = options.replicationGroupId ?? options.cacheName;
  if (options.replicationGroupId !== undefined && options.cacheName !== undefined) {
    throw new SigningInputError("Pass either replicationGroupId or cacheName, not both.");
  }
  if (typeof cache !== "string" || !CACHE_NAME.test(cache)) {
    throw new SigningInputError(
      "replicationGroupId (or cacheName) must be an ElastiCache name: letters, digits and hyphens, starting with a letter, at most 40 characters.",
    );
  }
  if (typeof options.userId !== "string" || options.userId === "") {
    throw new SigningInputError("userId must be the ElastiCache user id, a non-empty string.");
  }
  const expiresIn = options.expiresIn ?? MAX_EXPIRES_IN;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
    throw new RangeError(
      `expiresIn must be an integer number of seconds from 1 to ${MAX_EXPIRES_IN}, got ${
        String(expiresIn)
      }.`,
    );
  }
  const signer = new SigV4Signer({
    credentials: options.credentials,
    region: options.region,
    service: "elasticache",
  });
  const url = new URL("http://" + cache.toLowerCase() + "/");
  url.search = "Action=connect&User=" + encodeQueryValue(options.userId) +
    (options.serverless === true ? "&ResourceType=ServerlessCache" : "");
  const presigned = await signer.presign(new Request(url), {
    date: options.date,
    expiresIn,
  });
  return presigned.href.slice("http://".length);
}

function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase(),
  );
}

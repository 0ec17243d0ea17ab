/**
 * Redshift parameter checks and the database users it issues, shared by the provisioned
 * (Query) and serverless (JSON) emulations.
 *
 * @module
 */
import type { Identity } from "../state.ts";

/**
 * Database user and group names: 1–128 letters, digits, `_ + . @ -`, starting with a
 * letter (GetClusterCredentials' DbUser rules).
 */
export const DB_USER_PATTERN = /^[A-Za-z][A-Za-z0-9_+.@-]{0,127}$/;
/** Database names: 1–64 letters, digits, `_` or `-`, starting with a letter. */
export const DB_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_$-]{0,63}$/;

/** `DurationSeconds` as Redshift takes it: an integer 900–3600, 900 by default, or `undefined` when invalid. */
export function dbDurationSeconds(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return 900;
  const seconds = typeof value === "number" ? value : /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(seconds) && seconds >= 900 && seconds <= 3600 ? seconds : undefined;
}

/**
 * The database user `GetClusterCredentialsWithIAM` and serverless `GetCredentials` log the
 * caller on as: `IAM:<user name>` for an IAM user, `IAMR:<role name>` for a role session.
 */
export function iamDbUser(identity: Identity): string {
  const role = /:assumed-role\/([^/]+)\//.exec(identity.arn)?.[1];
  if (role !== undefined) return `IAMR:${role}`;
  return `IAM:${identity.arn.split("/").at(-1)}`;
}

/** A random temporary password of the shape Redshift issues (long, mixed-case, with symbols). */
export function randomDbPassword(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  const bytes = crypto.getRandomValues(new Uint8Array(64));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

import { printableDate, REDACTED, RedactedValue } from "../../_shared/redacted.ts";

/**
 * Temporary database credentials from Redshift (`GetClusterCredentials`,
 * `GetClusterCredentialsWithIAM`) or Redshift Serverless (`GetCredentials`). The password is
 * an ordinary readable property, but `JSON.stringify`, `String()` and `console.log` print it
 * as `[redacted]`.
 */
export interface RedshiftDbCredentials {
  /** The database user, e.g. `IAM:alice` or `IAMR:reader` (AWS prefixes it). */
  readonly dbUser: string;
  /** The temporary password; a secret. */
  readonly dbPassword: string;
  /** When the password stops working. */
  readonly expiration: Date;
  /** When to fetch new credentials (IAM-identity and serverless calls only). */
  readonly nextRefreshTime?: Date;
}

class RedactedDbCredentials extends RedactedValue implements RedshiftDbCredentials {
  readonly dbUser: string;
  readonly dbPassword: string;
  readonly expiration: Date;
  declare readonly nextRefreshTime?: Date;

  constructor(credentials: RedshiftDbCredentials) {
    super();
    this.dbUser = credentials.dbUser;
    this.dbPassword = credentials.dbPassword;
    this.expiration = credentials.expiration;
    if (credentials.nextRefreshTime !== undefined) {
      (this as { nextRefreshTime?: Date }).nextRefreshTime = credentials.nextRefreshTime;
    }
  }

  toJSON(): Record<string, string> {
    const printable: Record<string, string> = {
      dbUser: this.dbUser,
      dbPassword: REDACTED,
      expiration: printableDate(this.expiration),
    };
    if (this.nextRefreshTime !== undefined) {
      printable.nextRefreshTime = printableDate(this.nextRefreshTime);
    }
    return printable;
  }

  protected get printedName(): string {
    return "RedshiftDbCredentials";
  }
}

/**
 * Wraps Redshift database credentials so that `JSON.stringify`, `String()`,
 * `Deno.inspect` and Node's `util.inspect` print the password as `[redacted]`; the
 * properties stay readable.
 *
 * @example
 * ```ts
 * import { toSafeRedshiftDbCredentials } from "@iamfetch/iamfetch/tokens";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const credentials = toSafeRedshiftDbCredentials({ dbUser: "IAM:alice", dbPassword: "s3cret", expiration: new Date() });
 * assertEquals(credentials.dbPassword, "s3cret");
 * assert(!JSON.stringify(credentials).includes("s3cret"));
 * ```
 */
export function toSafeRedshiftDbCredentials(
  credentials: RedshiftDbCredentials,
): RedshiftDbCredentials {
  return credentials instanceof RedactedDbCredentials
    ? credentials
    : new RedactedDbCredentials(credentials);
}

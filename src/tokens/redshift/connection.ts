import { printableDate, REDACTED, RedactedValue } from "../../_shared/redacted.ts";

/**
 * What a PostgreSQL driver (`pg`, `postgres`, redshift_connector) needs to log on to
 * Redshift with IAM: host, port, user, a temporary password and the database. The password
 * stays readable, but `JSON.stringify`, `String()` and `console.log` print `[redacted]`.
 */
export interface RedshiftConnection {
  /** The endpoint address of the cluster or workgroup. */
  readonly host: string;
  /** Its port, usually 5439. */
  readonly port: number;
  /** The database user, e.g. `IAM:alice`. */
  readonly user: string;
  /** The temporary password; a secret. */
  readonly password: string;
  /** The database to connect to. */
  readonly database: string;
  /** When the password stops working. */
  readonly expiration: Date;
}

class RedactedConnection extends RedactedValue implements RedshiftConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly expiration: Date;

  constructor(connection: RedshiftConnection) {
    super();
    ({
      host: this.host,
      port: this.port,
      user: this.user,
      password: this.password,
      database: this.database,
      expiration: this.expiration,
    } = connection);
  }

  toJSON(): Record<string, string | number> {
    return {
      host: this.host,
      port: this.port,
      user: this.user,
      password: REDACTED,
      database: this.database,
      expiration: printableDate(this.expiration),
    };
  }

  protected get printedName(): string {
    return "RedshiftConnection";
  }
}

/**
 * Wraps connection settings so that printing them never shows the password.
 *
 * @example
 * ```ts
 * import { toSafeRedshiftConnection } from "@iamfetch/iamfetch/tokens";
 * import { assert } from "@std/assert";
 *
 * const connection = toSafeRedshiftConnection({
 *   host: "analytics.abc123.us-east-1.redshift.amazonaws.com", port: 5439,
 *   user: "IAM:alice", password: "s3cret", database: "dev", expiration: new Date(),
 * });
 * assert(connection.password === "s3cret" && !String(connection).includes("s3cret"));
 * ```
 */
export function toSafeRedshiftConnection(connection: RedshiftConnection): RedshiftConnection {
  return connection instanceof RedactedConnection ? connection : new RedactedConnection(connection);
}

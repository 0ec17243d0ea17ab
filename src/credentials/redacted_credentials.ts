import type { Credentials } from "../sigv4/credentials.ts";
import { printableDate, REDACTED, RedactedValue } from "../_shared/redacted.ts";

/**
 * Credentials whose secret parts stay out of logs: the four properties are ordinary readable
 * (and enumerable) properties, so the object is `Credentials` and AWS SDK v3's
 * `AwsCredentialIdentity`, but `JSON.stringify`, `String()`, `console.log` in Deno and Node
 * (custom inspect) print the secret access key and the session token as `[redacted]`.
 * Properties are not frozen: AWS SDK v3 records feature flags on the credentials it gets.
 */
class RedactedCredentials extends RedactedValue implements Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  // `declare`: no own property unless set (a class field would define one as `undefined`).
  declare readonly sessionToken?: string;
  declare readonly expiration?: Date;

  constructor(credentials: Credentials) {
    super();
    this.accessKeyId = credentials.accessKeyId;
    this.secretAccessKey = credentials.secretAccessKey;
    // Only present when set, as on a plain object: `"sessionToken" in c` keeps its meaning.
    const own = this as Record<string, unknown>;
    if (credentials.sessionToken !== undefined) own.sessionToken = credentials.sessionToken;
    if (credentials.expiration !== undefined) own.expiration = credentials.expiration;
    // Other properties AWS SDK v3 providers set (`accountId`, `credentialScope`, `$source`)
    // are carried over, so wrapping their credentials loses nothing; they are not printed.
    for (const [key, value] of Object.entries(credentials)) {
      if (!(key in own) && value !== undefined) own[key] = value;
    }
  }

  toJSON(): Record<string, string> {
    const printable: Record<string, string> = {
      accessKeyId: this.accessKeyId,
      secretAccessKey: REDACTED,
    };
    if (this.sessionToken !== undefined) printable.sessionToken = REDACTED;
    if (this.expiration !== undefined) printable.expiration = printableDate(this.expiration);
    return printable;
  }

  protected get printedName(): string {
    return "Credentials";
  }
}

/**
 * Returns a copy of `credentials` that keeps its secrets out of `JSON.stringify`, `String()`
 * and `console.log` / `Deno.inspect` / `util.inspect` (they print
 * `{ accessKeyId, secretAccessKey: "[redacted]", sessionToken: "[redacted]", expiration }`),
 * while the four properties stay readable, so it is still `Credentials` and AWS SDK v3's
 * `AwsCredentialIdentity`. Other own properties (AWS SDK v3's `accountId`,
 * `credentialScope`, …) are copied but not printed. Every provider of this library, `chain`
 * and `refreshing` included, returns such objects. Spreading (`{ ...credentials }`) makes a
 * plain object again, secrets included.
 *
 * @param credentials The credentials to wrap; returned as is when already wrapped.
 *
 * @example
 * ```ts
 * import { toSafeCredentials } from "@iamfetch/iamfetch/credentials";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const credentials = toSafeCredentials({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI" });
 * assertEquals(credentials.secretAccessKey, "wJalrXUtnFEMI");
 * assert(!JSON.stringify(credentials).includes("wJalrXUtnFEMI"));
 * assert(!Deno.inspect(credentials).includes("wJalrXUtnFEMI"));
 * ```
 */
export function toSafeCredentials(credentials: Credentials): Credentials {
  return credentials instanceof RedactedCredentials
    ? credentials
    : new RedactedCredentials(credentials);
}

import { CredentialsError } from "./errors.ts";

/**
 * AWS credentials, the same shape as AWS SDK v3's `AwsCredentialIdentity`, so either
 * library's providers plug into the other.
 */
export interface Credentials {
  /** The access key id, e.g. `AKIDEXAMPLE`. */
  readonly accessKeyId: string;
  /** The secret access key. Never logged or put into error messages. */
  readonly secretAccessKey: string;
  /** The session token of temporary credentials. */
  readonly sessionToken?: string;
  /** When temporary credentials stop being valid. */
  readonly expiration?: Date;
}

/**
 * An async function returning credentials, interchangeable with AWS SDK v3's
 * `AwsCredentialIdentityProvider`.
 */
export type CredentialProvider = () => Promise<Credentials>;

/**
 * What every signing API accepts: credentials, or a provider of them.
 */
export type CredentialsInput = Credentials | CredentialProvider;

// An access key id appears verbatim in `Credential=<id>/<scope>`: a separator there would
// change what the server parses, so reject them instead of signing something ambiguous.
const ACCESS_KEY_ID = /^[\x21-\x7e]+$/;
const ACCESS_KEY_ID_SEPARATORS = /[/,=]/;
// A session token travels as a header value or query parameter: printable ASCII only.
const SESSION_TOKEN = /^[\x20-\x7e]+$/;

/**
 * Resolves `input` to checked credentials: synchronously for a credentials object (no
 * promise round trip on the signing hot path), asynchronously for a provider.
 * Throws {@linkcode CredentialsError}.
 */
export function resolveCredentials(
  input: CredentialsInput | undefined,
): Credentials | Promise<Credentials> {
  if (typeof input !== "function") return checkCredentials(input);
  return input().then(checkCredentials, (cause: unknown) => {
    // Only this library's credential errors promise a message without secrets; of any
    // other error just the name, its message left in `cause`.
    throw new CredentialsError(
      "The credential provider failed: " +
        (cause instanceof CredentialsError
          ? cause.message
          : (cause instanceof Error ? cause.name : "non-Error") + " (see `cause`)."),
      { cause },
    );
  });
}

/** Checks that `value` is usable credentials; returns it typed or throws {@linkcode CredentialsError}. */
export function checkCredentials(value: unknown): Credentials {
  if (value === null || typeof value !== "object") {
    throw new CredentialsError(
      "No credentials: pass { accessKeyId, secretAccessKey } or a provider returning them.",
    );
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = value as Record<
    string,
    unknown
  >;
  if (typeof accessKeyId !== "string" || accessKeyId === "") {
    throw new CredentialsError("credentials.accessKeyId is missing or empty.");
  }
  if (
    !ACCESS_KEY_ID.test(accessKeyId) ||
    ACCESS_KEY_ID_SEPARATORS.test(accessKeyId)
  ) {
    throw new CredentialsError(
      "credentials.accessKeyId must be printable ASCII without spaces, '/', ',' or '='.",
    );
  }
  if (typeof secretAccessKey !== "string" || secretAccessKey === "") {
    throw new CredentialsError(
      "credentials.secretAccessKey is missing or empty.",
    );
  }
  // An empty token means none, as in aws4fetch and the AWS SDKs (an empty
  // AWS_SESSION_TOKEN is common in CI environments).
  if (
    sessionToken !== undefined && sessionToken !== null && sessionToken !== "" &&
    (typeof sessionToken !== "string" || !SESSION_TOKEN.test(sessionToken))
  ) {
    throw new CredentialsError(
      "credentials.sessionToken must be a string of printable ASCII.",
    );
  }
  if (expiration !== undefined && expiration !== null) {
    if (
      !(expiration instanceof Date) || !Number.isFinite(expiration.getTime())
    ) {
      throw new CredentialsError(
        "credentials.expiration must be a valid Date.",
      );
    }
    if (expiration.getTime() <= Date.now()) {
      throw new CredentialsError(
        `The credentials for access key ${accessKeyId} expired at ${expiration.toISOString()}; refresh them.`,
      );
    }
  }
  return value as Credentials;
}

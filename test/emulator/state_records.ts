/**
 * The records the emulator's state keeps besides identities: the request log, the
 * faults to inject, and the static files it serves.
 *
 * @module
 */

/** What the emulator recorded about one request; tests assert on these. */
export interface RequestLogEntry {
  /** The HTTP method. */
  readonly method: string;
  /** The URL path, as received (still percent-encoded). */
  readonly path: string;
  /** The access key id the request claimed, verified or not. */
  accessKeyId?: string;
  /** `"ok"` when the signature verified, the AWS error code when it did not, `"none"` when the route needs no signature. */
  verification: string;
  /** The code of the injected fault the request was answered with, if any. */
  fault?: string;
  /** The status of the response; `0` while the request is in flight. */
  status: number;
}

/** A failure to answer instead of running the route's handler. */
export interface Fault {
  /** The HTTP status, e.g. 500, 503, or 400 / 429 for throttling. */
  readonly status: number;
  /** The AWS error code, e.g. `ServiceUnavailable`, `Throttling`, `InternalFailure`. */
  readonly code: string;
  /** The error message; defaults to one naming the code. */
  readonly message?: string;
  /**
   * Only requests whose path starts with this prefix get the fault. Without it, every
   * request that passed the verifier does (signed calls, and STS's anonymous
   * `AssumeRoleWith…` calls); the unsigned credential endpoints (IMDS, container, SSO)
   * only get faults whose `path` names them, e.g. `/latest/api/token`.
   */
  readonly path?: string;
  /** Extra response headers, e.g. `retry-after`. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Spoil the body of the route's real answer instead of answering with an error
   * (`status` is then ignored, `code` only names the fault in the log): `"truncated"`
   * sends the first half of the body and then cuts the connection; `{ stallMs }` holds
   * the body back that long before sending it (a slow body).
   */
  readonly body?: BodyFault;
}

/** How {@linkcode Fault.body} spoils a body: cut off midway, or held back `stallMs`. */
export type BodyFault = "truncated" | { readonly stallMs: number };

/** A static asset served without a signature, e.g. the Chromium test's page. */
export interface StaticFile {
  /** The file's content. */
  readonly body: string;
  /** Its media type, e.g. `text/html; charset=utf-8`. */
  readonly type: string;
}

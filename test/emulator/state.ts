/**
 * The mutable world of the AWS emulator: who may call it, what it has seen, what time it
 * thinks it is, and which failures it has been told to inject. Tests hold the state and
 * change it between requests; the Hono app only reads it.
 *
 * @module
 */

/** An identity the emulator accepts signatures from. */
export interface Identity {
  /** The access key id that names the identity in signatures. */
  readonly accessKeyId: string;
  /** The secret the signatures are checked with. */
  readonly secretAccessKey: string;
  /** When set, requests must send exactly this `X-Amz-Security-Token`. */
  readonly sessionToken?: string;
  /** After this time (on the emulator's clock), requests fail with `ExpiredToken`. */
  readonly expiration?: Date;
  /** The 12-digit account the identity belongs to. */
  readonly accountId: string;
  /** The ARN `GetCallerIdentity` would answer with. */
  readonly arn: string;
}

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
  /** Only requests whose path starts with this prefix get the fault; defaults to every signed route. */
  readonly path?: string;
  /** Extra response headers, e.g. `retry-after`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A static asset served without a signature, e.g. the Chromium test's page. */
export interface StaticFile {
  /** The file's content. */
  readonly body: string;
  /** Its media type, e.g. `text/html; charset=utf-8`. */
  readonly type: string;
}

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function randomString(alphabet: string, length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

/**
 * The emulator's state. Fresh random keys per identity keep tests independent: a key
 * pair that leaks from one test cannot make another test's request verify.
 *
 * @example
 * ```ts
 * const state = new EmulatorState();
 * const { accessKeyId, secretAccessKey } = state.addIdentity();
 * state.failNext(2, { status: 503, code: "ServiceUnavailable", path: "/echo" });
 * ```
 */
export class EmulatorState {
  /** The known identities, by access key id. */
  readonly identities: Map<string, Identity> = new Map();
  /** Every request received, in arrival order. */
  readonly log: RequestLogEntry[] = [];
  /** Assets served at `/__static/:name` without a signature. */
  readonly staticFiles: Map<string, StaticFile> = new Map();
  /** Seconds the emulator's clock runs ahead of (positive) or behind (negative) the real one. */
  skewSeconds = 0;
  /** When set, the emulator's clock stands still at this time (before `skewSeconds` is added). */
  fixedTime?: Date;
  readonly #faults: { fault: Fault; remaining: number }[] = [];

  /** The emulator's current time: used to check signatures and sent in the `Date` header. */
  now(): Date {
    const base = this.fixedTime?.getTime() ?? Date.now();
    return new Date(base + this.skewSeconds * 1000);
  }

  /**
   * Registers an identity and returns it. Missing fields are generated: an `AKIA…` key
   * (`ASIA…` when a session token is given, as AWS does for temporary keys), a random
   * secret, account `123456789012` and a user ARN in it.
   */
  addIdentity(init: Partial<Identity> = {}): Identity {
    const temporary = init.sessionToken !== undefined;
    const accountId = init.accountId ?? "123456789012";
    const identity: Identity = {
      accessKeyId: init.accessKeyId ??
        (temporary ? "ASIA" : "AKIA") + randomString(KEY_ALPHABET, 16),
      secretAccessKey: init.secretAccessKey ?? randomString(SECRET_ALPHABET, 40),
      accountId,
      arn: init.arn ?? `arn:aws:iam::${accountId}:user/emulator-user`,
      ...(temporary ? { sessionToken: init.sessionToken } : {}),
      ...(init.expiration ? { expiration: init.expiration } : {}),
    };
    this.identities.set(identity.accessKeyId, identity);
    return identity;
  }

  /** Answers the next `count` signed requests matching `fault.path` with `fault` instead of the route. */
  failNext(count: number, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`failNext needs a positive integer count, got ${count}.`);
    }
    this.#faults.push({ fault, remaining: count });
  }

  /** Consumes and returns the first pending fault that applies to `path`, if any. */
  takeFault(path: string): Fault | undefined {
    const index = this.#faults.findIndex(({ fault }) => path.startsWith(fault.path ?? "/"));
    if (index === -1) return undefined;
    const pending = this.#faults[index];
    if (--pending.remaining === 0) this.#faults.splice(index, 1);
    return pending.fault;
  }

  /** The number of faults still to be answered. */
  get pendingFaults(): number {
    return this.#faults.reduce((sum, { remaining }) => sum + remaining, 0);
  }

  /** The log entries whose path starts with `pathPrefix`, e.g. to count the calls to `/echo`. */
  requestsTo(pathPrefix: string): RequestLogEntry[] {
    return this.log.filter((entry) => entry.path.startsWith(pathPrefix));
  }
}

/**
 * What the fake Okta org knows: its users with their passwords and enrolled factors, the
 * authentication transactions in flight (state tokens, which expire), the one-time codes it
 * sent by SMS or email, the session tokens it issued (single-use), and a log of every
 * request, for tests to check what the client sent.
 *
 * @module
 */
import type { TestSamlRole } from "../saml_issuer.ts";

/** A factor a user has enrolled, as the org's policy asks for it. */
export type FakeOktaFactorInit =
  | {
    readonly type: "push";
    /** What the user does on the phone: approve, reject, let it time out, or ignore it. */
    readonly answer: "approve" | "reject" | "timeout" | "ignore";
    /** Polls answered `WAITING` before the answer shows; 2 by default. */
    readonly afterPolls?: number;
  }
  | {
    readonly type: "token:software:totp";
    /** `OKTA` (Okta Verify) by default, or `GOOGLE` (Google Authenticator). */
    readonly provider?: "OKTA" | "GOOGLE";
    /** The shared TOTP secret. */
    readonly secret: Uint8Array<ArrayBuffer>;
  }
  | { readonly type: "sms" }
  | { readonly type: "email" };

/** A user of the org. */
export interface FakeOktaUserInit {
  /** The sign-in name, e.g. `alice@example.com`. */
  readonly login: string;
  /** The password. */
  readonly password: string;
  /** Enrolled factors; with any, the sign-on policy requires MFA. */
  readonly factors?: readonly FakeOktaFactorInit[];
}

/** The org: its users and the AWS app the embed link signs in to. */
export interface FakeOktaInit {
  /** The org's users. */
  readonly users: readonly FakeOktaUserInit[];
  /** The roles the AWS app's assertion grants every user. */
  readonly roles: readonly TestSamlRole[];
  /** The assertion's `SessionDuration`, left out when `undefined`. */
  readonly sessionDuration?: number;
  /** API tokens (`Authorization: SSWS …`) of trusted applications. */
  readonly apiTokens?: readonly string[];
  /** How long a state token lives; 5 minutes by default, like Okta's. */
  readonly stateTokenLifetimeMs?: number;
}

/** An enrolled factor with the id Okta gave it. */
export interface FakeOktaFactor {
  /** e.g. `opf1…` for push, `ost1…` for Okta Verify TOTP. */
  readonly id: string;
  /** What was enrolled. */
  readonly init: FakeOktaFactorInit;
  /** `OKTA` or `GOOGLE`. */
  readonly provider: string;
}

/** A user with an id and enrolled factors. */
export interface FakeOktaUser {
  /** e.g. `00u1…`. */
  readonly id: string;
  /** What the test set up. */
  readonly init: FakeOktaUserInit;
  /** The factors, in enrolment order. */
  readonly factors: readonly FakeOktaFactor[];
}

/** An authentication transaction waiting for a second factor. */
export interface FakeOktaTransaction {
  /** The user signing in. */
  readonly user: FakeOktaUser;
  /** When the state token stops working (ms since the epoch). */
  readonly expiresAt: number;
  /** A push sent and not answered yet: its factor and how often it was polled. */
  push?: { factorId: string; polls: number };
}

/** A code the org sent by SMS or email: what lands in the user's phone or inbox. */
export interface FakeOktaSentCode {
  /** The factor it was sent for. */
  readonly factorId: string;
  /** `sms` or `email`. */
  readonly channel: string;
  /** The code. */
  readonly code: string;
  /** When it stops being accepted (ms since the epoch). */
  readonly expiresAt: number;
}

/** One request to the fake, as received. */
export interface FakeOktaRequest {
  /** The method. */
  readonly method: string;
  /** The path, e.g. `/api/v1/authn`. */
  readonly path: string;
  /** The query parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** The `Authorization` header's scheme and token, if any. */
  readonly authorization?: string;
  /** The request's `Origin` header, sent by browsers. */
  readonly origin?: string;
}

const CODE_LIFETIME_MS = 300_000;
const FACTOR_PREFIX: Record<string, string> = {
  push: "opf",
  "token:software:totp": "ost",
  sms: "sms",
  email: "emf",
};

/** The org's state; tests read it and may move its clock with {@linkcode now}. */
export class FakeOktaState {
  /** The org's users by login. */
  readonly users: Map<string, FakeOktaUser> = new Map();
  /** Transactions by state token. */
  readonly transactions: Map<string, FakeOktaTransaction> = new Map();
  /** Unused session tokens and the user each signs in. */
  readonly sessionTokens: Map<string, { user: FakeOktaUser; expiresAt: number }> = new Map();
  /** Every code sent by SMS or email, newest last. */
  readonly sentCodes: FakeOktaSentCode[] = [];
  /** Every request received, in order. */
  readonly log: FakeOktaRequest[] = [];
  /** Every state token issued, in order. */
  readonly issuedStateTokens: string[] = [];
  /** Session tokens redeemed at the app's embed link. */
  readonly redeemed: string[] = [];
  /** The SAML app's settings and the trusted API tokens. */
  readonly init: FakeOktaInit;
  /** The org's clock (ms since the epoch); replace it to expire tokens. */
  now: () => number = () => Date.now();

  constructor(init: FakeOktaInit) {
    this.init = init;
    for (const user of init.users) {
      const factors = (user.factors ?? []).map((factor) => ({
        id: oktaId(FACTOR_PREFIX[factor.type]),
        init: factor,
        provider: factor.type === "token:software:totp" ? factor.provider ?? "OKTA" : "OKTA",
      }));
      this.users.set(user.login, { id: oktaId("00u"), init: user, factors });
    }
  }

  /** Starts a transaction for `user` and returns its state token. */
  startTransaction(user: FakeOktaUser): string {
    const token = oktaId("00", 40);
    const lifetime = this.init.stateTokenLifetimeMs ?? 300_000;
    this.transactions.set(token, { user, expiresAt: this.now() + lifetime });
    this.issuedStateTokens.push(token);
    return token;
  }

  /** The live transaction of `stateToken`, or `undefined` for an unknown or expired one. */
  transaction(stateToken: unknown): FakeOktaTransaction | undefined {
    if (typeof stateToken !== "string") return undefined;
    const transaction = this.transactions.get(stateToken);
    if (transaction === undefined || transaction.expiresAt <= this.now()) return undefined;
    return transaction;
  }

  /** Ends the transaction `stateToken` and issues a single-use session token for its user. */
  issueSessionToken(user: FakeOktaUser, stateToken?: string): string {
    if (stateToken !== undefined) this.transactions.delete(stateToken);
    const token = oktaId("20111", 40);
    this.sessionTokens.set(token, { user, expiresAt: this.now() + CODE_LIFETIME_MS });
    return token;
  }

  /** Redeems a session token once; `undefined` when unknown, used or expired. */
  redeemSessionToken(token: string | undefined): FakeOktaUser | undefined {
    const entry = token === undefined ? undefined : this.sessionTokens.get(token);
    if (token === undefined || entry === undefined) return undefined;
    this.sessionTokens.delete(token);
    if (entry.expiresAt <= this.now()) return undefined;
    this.redeemed.push(token);
    return entry.user;
  }

  /** Sends a fresh six-digit code for `factor` and returns it. */
  sendCode(factor: FakeOktaFactor): string {
    const code = String(crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000)
      .padStart(6, "0");
    const expiresAt = this.now() + CODE_LIFETIME_MS;
    this.sentCodes.push({ factorId: factor.id, channel: factor.init.type, code, expiresAt });
    return code;
  }

  /**
   * Whether `code` is the latest unexpired code sent for `factor`; a match is used up. Like
   * Okta, the code belongs to the factor, not the transaction, so a code sent during one
   * login may complete the next (CData's "reopen with MFAPassCode").
   */
  useSentCode(factor: FakeOktaFactor, code: string): boolean {
    const latest = this.sentCodes.findLast((sent) => sent.factorId === factor.id);
    if (latest === undefined || latest.code !== code || latest.expiresAt <= this.now()) {
      return false;
    }
    this.sentCodes.splice(this.sentCodes.lastIndexOf(latest), 1);
    return true;
  }

  /** The codes sent so far for the user `login`'s factor of `channel` (`sms`, `email`). */
  codesSentTo(login: string, channel: string): string[] {
    const factorIds = new Set(
      (this.users.get(login)?.factors ?? []).filter((f) => f.init.type === channel).map((f) =>
        f.id
      ),
    );
    return this.sentCodes.filter((sent) => factorIds.has(sent.factorId)).map((sent) => sent.code);
  }
}

/** An Okta-looking id: `prefix` then random base62 characters up to `length`. */
function oktaId(prefix: string, length = 20): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const random = crypto.getRandomValues(new Uint8Array(length - prefix.length));
  return prefix + Array.from(random, (byte) => alphabet[byte % alphabet.length]).join("");
}

/**
 * What the fake Okta Identity Engine org knows: its users (passwords, enrolled
 * authenticators, assigned AWS apps), its OIDC and API service apps, its AWS Account
 * Federation apps, the knobs that make its device and push polling answer `slow_down` or
 * expire, everything it issued (device codes, MFA tokens, OOB codes, access, ID and web SSO
 * tokens, seen assertion `jti`s), its signing key, and a log of every request.
 *
 * @module
 */
import type { TestSamlRole } from "../saml_issuer.ts";

/** An authenticator a user has enrolled; with any, the sign-on policy requires MFA. */
export type FakeOieFactorInit =
  | {
    readonly type: "push";
    /** What the user does on the phone. */
    readonly answer: "approve" | "reject" | "ignore";
    /** Polls answered `authorization_pending` before the answer shows; 1 by default. */
    readonly afterPolls?: number;
    /** A number challenge: the number Okta asks the user to tap (`binding_method: transfer`). */
    readonly numberChallenge?: string;
  }
  | { readonly type: "otp"; readonly secret: Uint8Array<ArrayBuffer> }
  | { readonly type: "sms" }
  | { readonly type: "voice" };

/** A user of the org. */
export interface FakeOieUserInit {
  /** The sign-in name, e.g. `alice@example.com`. */
  readonly login: string;
  /** The password. */
  readonly password: string;
  /** Enrolled authenticators. */
  readonly factors?: readonly FakeOieFactorInit[];
  /** The AWS apps (ids) the user is assigned to; all by default. */
  readonly apps?: readonly string[];
}

/** An AWS Account Federation app. */
export interface FakeOieAppInit {
  /** The app id, e.g. `0oa9x1rifa2H6Q5d8325`. */
  readonly id: string;
  /** Its label in the dashboard. */
  readonly label: string;
  /** The roles its assertion grants. */
  readonly roles: readonly TestSamlRole[];
  /** The "Allowed Web SSO Client": the OIDC app that may exchange tokens for this app. */
  readonly webSsoClient: string;
  /** The assertion's `SessionDuration`. */
  readonly sessionDuration?: number;
}

/** An OAuth client of the org. */
export interface FakeOieClientInit {
  /** The client id. */
  readonly id: string;
  /** The grant types it may use (`urn:…:device_code`, `password`, `client_credentials`, …). */
  readonly grants: readonly string[];
  /** Okta API scopes granted to it (`okta.apps.sso`, `okta.users.read.self`). */
  readonly oktaScopes?: readonly string[];
  /** A service app's public keys (JWKs with `kid`) for `private_key_jwt`. */
  readonly publicKeys?: readonly (JsonWebKey & { kid: string })[];
}

/** How the org answers polls; poll numbers start at 1. */
export interface FakeOiePolling {
  /** The `interval` it asks for, in seconds (5, as Okta, by default). */
  readonly interval?: number;
  /** Polls answered `slow_down`. */
  readonly slowDownPolls?: readonly number[];
  /** From this poll on, the device code has expired (`expired_token`). */
  readonly expireAfterPolls?: number;
  /** Polls answered `authorization_pending` even once approved (the user is slow). */
  readonly pendingPolls?: number;
  /** The code's lifetime (`expires_in`), in seconds; 600 for device codes, as Okta. */
  readonly expiresIn?: number;
}

/** The org. */
export interface FakeOieInit {
  readonly users: readonly FakeOieUserInit[];
  readonly apps: readonly FakeOieAppInit[];
  readonly clients: readonly FakeOieClientInit[];
  /** Custom authorization servers; `["default"]` by default. */
  readonly authorizationServers?: readonly string[];
  /** The scopes a custom authorization server grants to service apps. */
  readonly customScopes?: readonly string[];
  /** `idx` (Identity Engine, the default) or `v1` (Classic). */
  readonly pipeline?: "idx" | "v1";
  /** Device code polling. */
  readonly device?: FakeOiePolling;
  /** Push polling. */
  readonly push?: FakeOiePolling;
  /** How long access and ID tokens live, in seconds; an hour (Okta's default) by default. */
  readonly tokenLifetimeSeconds?: number;
}

/** A user with an id. */
export interface FakeOieUser {
  readonly id: string;
  readonly init: FakeOieUserInit;
}

/** A device authorization in flight. */
export interface FakeDeviceCode {
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly userCode: string;
  polls: number;
  approvedBy?: FakeOieUser;
  denied?: boolean;
}

/** A password sign-in waiting for its second factor. */
export interface FakeMfaToken {
  readonly user: FakeOieUser;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly server: string;
  readonly expiresAt: number;
}

/** An out-of-band challenge sent. */
export interface FakeOobCode {
  readonly mfaToken: string;
  readonly channel: "push" | "sms" | "voice";
  /** The code sent by SMS or voice. */
  readonly sentCode?: string;
  polls: number;
}

/** An access token issued. */
export interface FakeAccessToken {
  readonly user?: FakeOieUser;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly server: string;
  readonly expiresAt: number;
}

/** A web SSO token issued. */
export interface FakeWebSsoToken {
  readonly user: FakeOieUser;
  readonly appId: string;
  readonly expiresAt: number;
  used: boolean;
}

/** One request as received. */
export interface FakeOieRequest {
  readonly method: string;
  readonly path: string;
  /** The form body of a POST, decoded. */
  readonly form?: Readonly<Record<string, string>>;
  readonly authorization?: string;
  readonly origin?: string;
}

/** The org's state. */
export class FakeOktaOieState {
  readonly init: FakeOieInit;
  readonly users: Map<string, FakeOieUser>;
  readonly clients: Map<string, FakeOieClientInit>;
  readonly apps: Map<string, FakeOieAppInit>;
  readonly deviceCodes: Map<string, FakeDeviceCode> = new Map();
  readonly mfaTokens: Map<string, FakeMfaToken> = new Map();
  readonly oobCodes: Map<string, FakeOobCode> = new Map();
  readonly accessTokens: Map<string, FakeAccessToken> = new Map();
  readonly idTokens: Map<string, { user: FakeOieUser; clientId: string }> = new Map();
  readonly webSsoTokens: Map<string, FakeWebSsoToken> = new Map();
  readonly assertionJtis: Set<string> = new Set();
  readonly log: FakeOieRequest[] = [];
  /** The org's token signing key pair (RS256) and its `kid`. */
  readonly signing: { readonly keyPair: CryptoKeyPair; readonly kid: string };

  /** The state for `init`, signing with `keyPair`. */
  constructor(init: FakeOieInit, keyPair: CryptoKeyPair) {
    this.init = init;
    this.users = new Map(
      init.users.map((user, i) => [user.login, { id: `00u${i}fakeoie`, init: user }]),
    );
    this.clients = new Map(init.clients.map((client) => [client.id, client]));
    this.apps = new Map(init.apps.map((app) => [app.id, app]));
    this.signing = { keyPair, kid: "fake-oie-signing-key" };
  }

  /** The public signing key as a JWK with `kid`, as the org's `/keys` lists it. */
  async publicJwk(): Promise<JsonWebKey & { kid: string }> {
    const jwk = await crypto.subtle.exportKey("jwk", this.signing.keyPair.publicKey);
    return { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: this.signing.kid };
  }

  /** The user `login`, if `password` is theirs. */
  authenticate(login: unknown, password: unknown): FakeOieUser | undefined {
    const user = typeof login === "string" ? this.users.get(login) : undefined;
    return user !== undefined && user.init.password === password ? user : undefined;
  }

  /** Approves (or denies) the device authorization of `userCode` as `login`. */
  approveDevice(userCode: string, login: string, decision: "approve" | "deny" = "approve"): void {
    const entry = [...this.deviceCodes.values()].find((d) => d.userCode === userCode);
    const user = this.users.get(login);
    if (entry === undefined || user === undefined) {
      throw new Error(`no device code ${userCode} or user ${login}`);
    }
    if (decision === "deny") entry.denied = true;
    else entry.approvedBy = user;
  }

  /** Whether `user` is assigned to the AWS app `appId`. */
  assigned(user: FakeOieUser, appId: string): boolean {
    return this.apps.has(appId) && (user.init.apps ?? [...this.apps.keys()]).includes(appId);
  }

  /** Requests to `path`, in order. */
  requestsTo(path: string): FakeOieRequest[] {
    return this.log.filter((request) => request.path === path);
  }
}

/** A random token of `bytes` random bytes, base64url. */
export function randomToken(bytes = 24): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw)).replace(/\+/g, "-").replace(/\//g, "_").replace(
    /=+$/,
    "",
  );
}

/**
 * The IAM Identity Center OIDC service's state and knobs (`/sso-oidc`): registered clients,
 * pending device authorizations, issued refresh tokens and how the "user" behaves.
 *
 * @module
 */
import { randomSecretChars } from "./random_ids.ts";

/** A client registered with `RegisterClient`. */
export interface OidcClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly clientName: string;
  readonly scopes: readonly string[];
  readonly grantTypes: readonly string[];
  /** Epoch seconds. */
  readonly clientSecretExpiresAt: number;
}

/** A device authorization started with `StartDeviceAuthorization`. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly startUrl: string;
  /** Emulator-clock epoch milliseconds. */
  readonly expiresAt: number;
  /** The `CreateToken` calls made with this device code so far. */
  polls: number;
  /** Set once the code has been exchanged: it is then spent. */
  redeemed: boolean;
}

/** Every `CreateToken` call, for tests to check the polling. */
export interface CreateTokenCall {
  readonly grantType: string;
  /** What the emulator answered: `ok` or an error code. */
  readonly outcome: string;
}

/** Knobs and records of the emulated OIDC service. */
export class SsoOidcState {
  /** Registered clients, by id. */
  readonly clients: Map<string, OidcClient> = new Map();
  /** Device authorizations, by device code. */
  readonly deviceAuthorizations: Map<string, DeviceAuthorization> = new Map();
  /** Valid refresh tokens → the client they were issued to (rotated on every use). */
  readonly refreshTokens: Map<string, string> = new Map();
  /** Every `CreateToken` call, in order. */
  readonly createTokenCalls: CreateTokenCall[] = [];
  /** The "user" approves in the browser before this many polls (1: the first poll succeeds). */
  approveAfterPolls = 1;
  /** The "user" denies the request instead: polls get `AccessDeniedException`. */
  deny = false;
  /** Polls (1-based) answered with `SlowDownException`. */
  slowDownPolls: ReadonlySet<number> = new Set();
  /** The `interval` StartDeviceAuthorization answers (seconds; AWS sends 1). */
  intervalSeconds = 1;
  /** How long device codes last (seconds; AWS: 600). */
  deviceCodeExpiresInSeconds = 600;
  /** How long access tokens last (seconds; AWS: 8 hours by default). */
  accessTokenExpiresInSeconds = 8 * 3600;
  /** How long client registrations last (seconds; AWS: 90 days). */
  registrationExpiresInSeconds = 90 * 24 * 3600;

  /** A new refresh token for `clientId`. */
  issueRefreshToken(clientId: string): string {
    const token = "aorAAAAAG" + randomSecretChars(120);
    this.refreshTokens.set(token, clientId);
    return token;
  }
}

/**
 * The mutable world of the AWS emulator: who may call it, what it has seen, what time it
 * thinks it is, and which failures it has been told to inject. Tests hold the state and
 * change it between requests; the Hono app only reads it.
 *
 * @module
 */
import { randomIdChars, randomSecretChars } from "./random_ids.ts";
import {
  type ContainerState,
  defaultContainerState,
  defaultImdsState,
  defaultSsoState,
  type ImdsState,
  type SsoState,
} from "./credential_endpoint_state.ts";
import type { Fault, RequestLogEntry, StaticFile } from "./state_records.ts";
import { RedshiftState } from "./redshift_state.ts";
import type { S3Object } from "./routes/s3_objects.ts";
import { CognitoIdentityState } from "./cognito_identity_state.ts";
import { SsoOidcState } from "./sso_oidc_state.ts";
import {
  type OidcProvider,
  parseRoleArn,
  type Role,
  type RoleInit,
  type SamlProvider,
  type StsCall,
} from "./sts_state.ts";

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
  /** The `UserId` `GetCallerIdentity` would answer with: `AIDA…` for a user, `AROA…:session` for a role session. */
  readonly userId: string;
}

export type { Fault, RequestLogEntry, StaticFile } from "./state_records.ts";

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
  /** The roles STS lets callers assume, by ARN; add them with {@linkcode addRole}. */
  readonly roles: Map<string, Role> = new Map();
  /** The OpenID Connect providers `AssumeRoleWithWebIdentity` trusts. */
  readonly oidcProviders: OidcProvider[] = [];
  /** The SAML providers `AssumeRoleWithSAML` trusts, by ARN; add them with {@linkcode addSamlProvider}. */
  readonly samlProviders: Map<string, SamlProvider> = new Map();
  /** The MFA devices `GetSessionToken` accepts: serial number (or ARN) → current 6-digit code. */
  readonly mfaDevices: Map<string, string> = new Map();
  /** Every STS call that reached a known action, in arrival order, valid or not. */
  readonly stsCalls: StsCall[] = [];
  /** EC2 instance metadata knobs. */
  readonly imds: ImdsState = defaultImdsState();
  /** ECS / EKS container credentials knobs. */
  readonly container: ContainerState = defaultContainerState();
  /** IAM Identity Center portal knobs. */
  readonly sso: SsoState = defaultSsoState();
  /** IAM Identity Center OIDC service (`/sso-oidc`) state and knobs. */
  readonly ssoOidc: SsoOidcState = new SsoOidcState();
  /** Cognito identity pools (`/cognito-identity`). */
  readonly cognito: CognitoIdentityState = new CognitoIdentityState();
  /** Redshift clusters, serverless workgroups and the calls made to them. */
  readonly redshift: RedshiftState = new RedshiftState();
  /** Objects of the S3-style endpoint (`/s3`), by `<bucket>/<key>`. */
  readonly s3Objects: Map<string, S3Object> = new Map();
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
        (temporary ? "ASIA" : "AKIA") + randomIdChars(16),
      secretAccessKey: init.secretAccessKey ?? randomSecretChars(40),
      accountId,
      arn: init.arn ?? `arn:aws:iam::${accountId}:user/emulator-user`,
      userId: init.userId ?? "AIDA" + randomIdChars(17),
      ...(temporary ? { sessionToken: init.sessionToken } : {}),
      ...(init.expiration ? { expiration: init.expiration } : {}),
    };
    this.identities.set(identity.accessKeyId, identity);
    return identity;
  }

  /**
   * Registers temporary credentials (an `ASIA…` key with a session token) that expire
   * `durationSeconds` after {@linkcode now}, to the whole second, as STS issues them.
   */
  issueCredentials(
    init: { arn: string; accountId: string; userId: string; durationSeconds: number },
  ): Identity & { readonly sessionToken: string; readonly expiration: Date } {
    const expiresAt = Math.floor(this.now().getTime() / 1000 + init.durationSeconds) * 1000;
    // Real tokens are long base64 with `+` and `/`, which catches unencoded presigned URLs.
    const sessionToken = "IQoJb3JpZ2luX2VjE" + randomSecretChars(300);
    const expiration = new Date(expiresAt);
    const { arn, accountId, userId } = init;
    const identity = this.addIdentity({ arn, accountId, userId, sessionToken, expiration });
    return { ...identity, sessionToken, expiration };
  }

  /**
   * Registers a role `AssumeRole`, `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML`
   * may assume; throws a `TypeError` when `init.arn` is not a role ARN.
   */
  addRole(init: RoleInit): Role {
    const role: Role = {
      ...init,
      ...parseRoleArn(init.arn),
      roleId: "AROA" + randomIdChars(17),
      maxSessionDuration: init.maxSessionDuration ?? 3600,
    };
    this.roles.set(role.arn, role);
    return role;
  }

  /** Trusts web-identity tokens whose `iss` is `provider.issuer` and whose `aud` has `provider.audience`. */
  addOidcProvider(provider: OidcProvider): void {
    this.oidcProviders.push(provider);
  }

  /** Trusts SAML assertions for `provider.arn` signed with `provider.certificatePem`'s key. */
  addSamlProvider(provider: SamlProvider): void {
    this.samlProviders.set(provider.arn, provider);
  }

  /** Answers the next `count` signed requests matching `fault.path` with `fault` instead of the route. */
  failNext(count: number, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`failNext needs a positive integer count, got ${count}.`);
    }
    this.#faults.push({ fault, remaining: count });
  }

  /**
   * Consumes and returns the first pending fault that applies to `path`, if any; with
   * `scopedOnly` (the unsigned endpoints), only among faults that name a path.
   */
  takeFault(path: string, options: { scopedOnly?: boolean } = {}): Fault | undefined {
    const index = this.#faults.findIndex(({ fault }) =>
      fault.path === undefined ? !options.scopedOnly : path.startsWith(fault.path)
    );
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

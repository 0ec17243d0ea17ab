/**
 * Amazon Cognito identity pools for the emulator (`/cognito-identity`): pools with their
 * roles and trusted login providers, the identities handed out and every call received.
 *
 * @module
 */

/** An identity pool, as `CreateIdentityPool` + `SetIdentityPoolRoles` would leave it. */
export interface IdentityPool {
  /** `<region>:<uuid>`. */
  readonly identityPoolId: string;
  /** Whether identities without logins get credentials. */
  readonly allowUnauthenticated: boolean;
  /** The role of identities with logins. */
  readonly authenticatedRoleArn: string;
  /** The role of identities without logins. */
  readonly unauthenticatedRoleArn: string;
  /** Provider name (`accounts.google.com`, `cognito-idp.<region>.amazonaws.com/<pool>`) → valid token → the user's subject. */
  readonly logins: Map<string, Map<string, string>>;
  /** Role ARNs a `CustomRoleArn` may name (the pool's rules allow them). */
  readonly customRoleArns: readonly string[];
}

/** An identity handed out by `GetId`. */
export interface CognitoIdentity {
  readonly identityId: string;
  readonly identityPoolId: string;
  /** `provider/subject` of the login it belongs to; `undefined` for an unauthenticated one. */
  readonly login?: string;
}

/** A call as received: what the request-shape tests compare. */
export interface CognitoCall {
  readonly target: string;
  readonly contentType: string;
  /** Whether an `Authorization` header was sent (the SDK sends these calls unsigned). */
  readonly signed: boolean;
  readonly body: unknown;
}

/** The emulated Cognito Identity service. */
export class CognitoIdentityState {
  /** Pools, by id. */
  readonly pools: Map<string, IdentityPool> = new Map();
  /** Identities, by id. */
  readonly identities: Map<string, CognitoIdentity> = new Map();
  /** Every call, valid or not, in order. */
  readonly calls: CognitoCall[] = [];
  /** How long credentials last (seconds; Cognito: 1 hour). */
  credentialDurationSeconds = 3600;

  /** Adds a pool in `us-east-1` of account 123456789012 with both roles and returns it. */
  addPool(init: Partial<IdentityPool> = {}): IdentityPool {
    const pool: IdentityPool = {
      identityPoolId: `us-east-1:${crypto.randomUUID()}`,
      allowUnauthenticated: true,
      authenticatedRoleArn: "arn:aws:iam::123456789012:role/Cognito_AppAuth_Role",
      unauthenticatedRoleArn: "arn:aws:iam::123456789012:role/Cognito_AppUnauth_Role",
      logins: new Map(),
      customRoleArns: [],
      ...init,
    };
    this.pools.set(pool.identityPoolId, pool);
    return pool;
  }
}

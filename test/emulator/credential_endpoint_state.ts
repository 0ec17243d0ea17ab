/**
 * The knobs of the unsigned credential endpoints a client reads before it can sign
 * anything: EC2 instance metadata (IMDS), the ECS/EKS container endpoint and the IAM
 * Identity Center (SSO) portal. Tests change them between requests.
 *
 * @module
 */

/** EC2 instance metadata (`/latest/…`). */
export interface ImdsState {
  /** The attached role's name; `undefined` for an instance without a role (the listing is 404). */
  role: string | undefined;
  /** IMDSv2 only: a GET without a valid `x-aws-ec2-metadata-token` is answered 401. */
  v1Disabled: boolean;
  /**
   * An IMDSv1-only host: `PUT /latest/api/token` is answered 404 (`true` or `404`) or
   * 403 (`403`), and clients are expected to fall back to tokenless GETs.
   */
  tokenEndpointMissing: boolean | 403 | 404;
  /** Every IMDS request waits, unanswered, until the client gives up or the emulator closes. */
  hang: boolean;
  /** How long the credentials it hands out last, in seconds (EC2's: about 6 hours). */
  credentialDurationSeconds: number;
  /** The instance id, the session name in the role credentials' ARN. */
  instanceId: string;
  /** Served at `/latest/meta-data/placement/region`. */
  region: string;
  /** The session tokens issued by `PUT /latest/api/token`, with their expiry (emulator clock). */
  readonly tokens: Map<string, Date>;
}

/** The ECS / EKS container credentials endpoint (`/container/credentials`). */
export interface ContainerState {
  /** When set, requests must send exactly this `Authorization` header, else 401. */
  authToken: string | undefined;
  /** The task or pod role the credentials belong to. */
  roleArn: string;
  /** How long the credentials it hands out last, in seconds. */
  credentialDurationSeconds: number;
}

/** The IAM Identity Center portal (`/federation/credentials`). */
export interface SsoState {
  /** The bearer tokens (`x-amz-sso_bearer_token`) the portal accepts. */
  readonly accessTokens: Set<string>;
  /** How long the role credentials it hands out last, in seconds. */
  credentialDurationSeconds: number;
  /** The user name, the session name in the role credentials' ARN. */
  userName: string;
  /** The accounts and roles `ListAccounts` / `ListAccountRoles` show the user. */
  accounts: SsoAccountAssignment[];
  /** Items per page of the listings (the portal's `max_result` caps it further). */
  pageSize: number;
}

/** An account assigned to the SSO user, with the roles (permission sets) they may take. */
export interface SsoAccountAssignment {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

/** Fresh IMDS knobs: a role `emulator-ec2-role`, IMDSv1 allowed, answering at once. */
export function defaultImdsState(): ImdsState {
  return {
    role: "emulator-ec2-role",
    v1Disabled: false,
    tokenEndpointMissing: false,
    hang: false,
    credentialDurationSeconds: 6 * 3600,
    instanceId: "i-0123456789abcdef0",
    region: "us-east-1",
    tokens: new Map(),
  };
}

/** Fresh container knobs: no authorization token required, role `emulator-task-role`. */
export function defaultContainerState(): ContainerState {
  return {
    authToken: undefined,
    roleArn: "arn:aws:iam::123456789012:role/emulator-task-role",
    credentialDurationSeconds: 6 * 3600,
  };
}

/** Fresh SSO knobs: no accepted tokens yet. */
export function defaultSsoState(): SsoState {
  return {
    accessTokens: new Set(),
    credentialDurationSeconds: 3600,
    userName: "emulator-user",
    accounts: [],
    pageSize: 2,
  };
}

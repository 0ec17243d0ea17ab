import type { Credentials } from "../sigv4/credentials.ts";

/**
 * A managed policy ARN to scope a session down (`PolicyArns.member.N.arn`).
 */
export interface PolicyDescriptor {
  /** The policy's ARN. */
  arn: string;
}

/**
 * A session tag (`Tags.member.N.Key` / `.Value`).
 */
export interface SessionTag {
  /** The tag key. */
  Key: string;
  /** The tag value. */
  Value: string;
}

/**
 * The input of `AssumeRole`, named as in the STS API (and boto3 / AWS SDK v3), so
 * existing `assume_role_kwargs` carry over unchanged.
 */
export interface AssumeRoleInput {
  /** The role to assume. */
  RoleArn: string;
  /** A name for the session, 2–64 characters of `[\w+=,.@-]`. */
  RoleSessionName: string;
  /** The external id the role's trust policy requires. */
  ExternalId?: string;
  /** Session length in seconds, 900 up to the role's maximum. */
  DurationSeconds?: number;
  /** An inline session policy (JSON). */
  Policy?: string;
  /** Managed session policies. */
  PolicyArns?: readonly PolicyDescriptor[];
  /** Session tags. */
  Tags?: readonly SessionTag[];
  /** Tag keys that persist through role chaining. */
  TransitiveTagKeys?: readonly string[];
  /** The source identity to stamp on the session. */
  SourceIdentity?: string;
  /** The MFA device's serial number or ARN. */
  SerialNumber?: string;
  /** The current MFA code. */
  TokenCode?: string;
}

/**
 * The input of `AssumeRoleWithWebIdentity` (an OIDC token instead of credentials).
 */
export interface AssumeRoleWithWebIdentityInput {
  /** The role to assume. */
  RoleArn: string;
  /** A name for the session. */
  RoleSessionName: string;
  /** The OIDC ID token (or OAuth 2.0 access token) from the identity provider. */
  WebIdentityToken: string;
  /** For OAuth 2.0 providers only (`graph.facebook.com`, …). */
  ProviderId?: string;
  /** Session length in seconds. */
  DurationSeconds?: number;
  /** An inline session policy (JSON). */
  Policy?: string;
  /** Managed session policies. */
  PolicyArns?: readonly PolicyDescriptor[];
}

/**
 * The input of `AssumeRoleWithSAML`.
 */
export interface AssumeRoleWithSamlInput {
  /** The role to assume. */
  RoleArn: string;
  /** The ARN of the SAML provider in IAM. */
  PrincipalArn: string;
  /** The base64 SAMLResponse from the IdP. */
  SAMLAssertion: string;
  /** Session length in seconds. */
  DurationSeconds?: number;
  /** An inline session policy (JSON). */
  Policy?: string;
  /** Managed session policies. */
  PolicyArns?: readonly PolicyDescriptor[];
}

/**
 * The input of `GetSessionToken` (optionally with MFA).
 */
export interface GetSessionTokenInput {
  /** Session length in seconds (default 43200 for IAM users). */
  DurationSeconds?: number;
  /** The MFA device's serial number or ARN. */
  SerialNumber?: string;
  /** The current MFA code. */
  TokenCode?: string;
}

/**
 * The input of `GetFederationToken`.
 */
export interface GetFederationTokenInput {
  /** The federated user's name. */
  Name: string;
  /** An inline session policy (JSON). */
  Policy?: string;
  /** Managed session policies. */
  PolicyArns?: readonly PolicyDescriptor[];
  /** Session length in seconds. */
  DurationSeconds?: number;
  /** Session tags. */
  Tags?: readonly SessionTag[];
}

/**
 * Temporary credentials and who they belong to, as every credential-issuing STS call returns.
 */
export interface StsCredentialsResult {
  /** The temporary credentials (expiration as a `Date`; secrets hidden from logs). */
  credentials: Credentials & { expiration: Date };
  /** The ARN of the assumed role session, federated user, … when STS names one. */
  arn?: string;
  /** The `AssumedRoleId` / `FederatedUserId`, when STS names one. */
  id?: string;
  /** The subject of a web-identity or SAML assertion, when there is one. */
  subject?: string;
  /** The source identity, when set. */
  sourceIdentity?: string;
  /** The packed size of session policies and tags, in percent of the limit. */
  packedPolicySize?: number;
}

/**
 * The answer of `GetCallerIdentity`.
 */
export interface CallerIdentity {
  /** The account id. */
  account: string;
  /** The caller's ARN. */
  arn: string;
  /** The unique id of the caller. */
  userId: string;
}

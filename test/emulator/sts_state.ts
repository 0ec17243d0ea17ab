/**
 * What the emulated STS knows: the roles it lets callers assume, the web-identity
 * providers it trusts, and the calls it has received.
 *
 * @module
 */

/** A role to register with {@linkcode EmulatorState.addRole}. */
export interface RoleInit {
  /** The role ARN, e.g. `arn:aws:iam::123456789012:role/path/Reader`. */
  readonly arn: string;
  /** When set, `AssumeRole` must send exactly this `ExternalId`, else `AccessDenied`. */
  readonly externalId?: string;
  /** When set, `AssumeRole` must send this `SerialNumber` and `TokenCode`, else `AccessDenied`. */
  readonly requireMfa?: { readonly serialNumber: string; readonly code: string };
  /** The longest session the role allows, in seconds (IAM's default: 3600). */
  readonly maxSessionDuration?: number;
}

/** A registered role: its {@linkcode RoleInit} and the parts of its ARN. */
export interface Role extends RoleInit {
  /** The role's unique id, `AROA…`: the first half of an assumed-role session's user id. */
  readonly roleId: string;
  /** The ARN partition, e.g. `aws`. */
  readonly partition: string;
  /** The account the role belongs to. */
  readonly accountId: string;
  /** The role name: the last segment of the ARN, without its path. */
  readonly name: string;
  /** {@linkcode RoleInit.maxSessionDuration} with IAM's default filled in. */
  readonly maxSessionDuration: number;
}

/** An OpenID Connect provider `AssumeRoleWithWebIdentity` accepts tokens from. */
export interface OidcProvider {
  /** The token's `iss` claim, e.g. `https://token.actions.githubusercontent.com`. */
  readonly issuer: string;
  /** The client id the token's `aud` claim must contain. */
  readonly audience: string;
  /**
   * The provider's signing keys (its JWKS `keys`, RSA). When given, tokens must be RS256
   * JWTs signed by one of them (matched by `kid` when both have one), as AWS checks against
   * the provider's JWKS; when absent, the signature is not checked (unsigned test tokens).
   */
  readonly publicKeys?: readonly (JsonWebKey & { readonly kid?: string })[];
}

/** A SAML identity provider `AssumeRoleWithSAML` trusts, as registered in IAM. */
export interface SamlProvider {
  /** The provider's ARN, e.g. `arn:aws:iam::123456789012:saml-provider/Okta`: the `PrincipalArn`. */
  readonly arn: string;
  /** The IdP's signing certificate in PEM; assertions must be signed with its key. */
  readonly certificatePem: string;
}

/** One STS call as received, for tests to compare with what the client meant to send. */
export interface StsCall {
  /** The `Action` parameter. */
  readonly action: string;
  /** Every parameter (`Action` and `Version` included), decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The access key id that signed the call; `undefined` for an unsigned one. */
  readonly accessKeyId?: string;
}

const ROLE_ARN = /^arn:([\w-]+):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]+)$/;

/** Splits a role ARN into its parts, or throws a `TypeError` naming the bad ARN. */
export function parseRoleArn(arn: string): { partition: string; accountId: string; name: string } {
  const match = arn.match(ROLE_ARN);
  if (match === null) throw new TypeError(`Not a role ARN: ${arn}`);
  return { partition: match[1], accountId: match[2], name: match[3] };
}

import { SamlAssertionError } from "./errors.ts";
import type { SamlRole } from "./roles.ts";

/**
 * How {@linkcode chooseSamlRole} picks among the assertion's roles.
 */
export interface ChooseSamlRoleOptions {
  /** Take this role (CData's `AWSRoleARN`, saml2aws's `role_arn`). */
  roleArn?: string;
  /** Take a role vouched for by this SAML provider (CData's `AWSPrincipalARN`). */
  principalArn?: string;
  /** Asked when several roles remain, e.g. to prompt the user; must return one of them. */
  chooser?: (roles: SamlRole[]) => SamlRole | Promise<SamlRole>;
}

/**
 * Picks the role to assume: the roles matching `roleArn` and `principalArn` (when given);
 * if one remains it is the answer, if several remain `chooser` picks. Fails with
 * {@linkcode SamlAssertionError} — listing the roles on offer, which are not secret — when
 * none matches, or several match and there is no chooser (AWS CLI-based tools like
 * saml2aws prompt in that case; a library cannot, so it asks for `roleArn`).
 *
 * @param roles The assertion's roles (see `parseSamlAssertion`).
 * @param options The wanted role or provider, and the chooser.
 *
 * @example
 * ```ts
 * import { chooseSamlRole } from "@iamfetch/iamfetch/saml";
 * import { assert } from "@std/assert";
 *
 * const provider = "arn:aws:iam::123456789012:saml-provider/Okta";
 * const roles = [
 *   { roleArn: "arn:aws:iam::123456789012:role/Dev", principalArn: provider },
 *   { roleArn: "arn:aws:iam::123456789012:role/Ops", principalArn: provider },
 * ];
 * const role = await chooseSamlRole(roles, { chooser: (candidates) => candidates[1] });
 * assert(role.roleArn.endsWith("/Ops"));
 * ```
 */
export async function chooseSamlRole(
  roles: readonly SamlRole[],
  options: ChooseSamlRoleOptions = {},
): Promise<SamlRole> {
  const { roleArn, principalArn, chooser } = options;
  const candidates = roles.filter((role) =>
    (roleArn === undefined || role.roleArn === roleArn) &&
    (principalArn === undefined || role.principalArn === principalArn)
  );
  const offered = () => roles.map((role) => role.roleArn).join(", ") || "none";
  if (candidates.length === 0) {
    const wanted = [roleArn, principalArn].filter((arn) => arn !== undefined).join(" via ");
    throw new SamlAssertionError(
      `The SAML assertion does not grant ${wanted}; it grants: ${offered()}.`,
    );
  }
  if (candidates.length === 1) return candidates[0];
  if (chooser === undefined) {
    throw new SamlAssertionError(
      `The SAML assertion grants several roles (${offered()}); set roleArn to pick one.`,
    );
  }
  const chosen = await chooser(candidates);
  const match = candidates.find((role) =>
    role.roleArn === chosen?.roleArn && role.principalArn === chosen?.principalArn
  );
  if (match === undefined) {
    throw new SamlAssertionError(
      `The role chooser returned a role the SAML assertion does not grant; it grants: ${offered()}.`,
    );
  }
  return match;
}

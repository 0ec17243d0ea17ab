/**
 * A role the SAML assertion lets its holder assume, with the SAML provider that vouches
 * for it: the `PrincipalArn` of `AssumeRoleWithSAML`.
 */
export interface SamlRole {
  /** The role, e.g. `arn:aws:iam::123456789012:role/Admin`. */
  roleArn: string;
  /** The SAML provider, e.g. `arn:aws:iam::123456789012:saml-provider/Okta`. */
  principalArn: string;
}

const ROLE_ARN = /^arn:[\w-]+:iam::\d{12}:role\/[\x21-\x7e]+$/;
const PROVIDER_ARN = /^arn:[\w-]+:iam::\d{12}:saml-provider\/[\w+=,.@\/-]+$/;

/**
 * The roles in the values of the AWS `Role` attribute. Each value holds a role ARN and a
 * provider ARN separated by a comma, in either order (AWS accepts both); some IdPs put
 * several in one value (`role1,provider,role2,provider`, or several roles with one
 * provider), which are paired in order. Parts that are neither ARN are ignored, and
 * duplicates are dropped.
 */
export function rolesFromAttributeValues(values: readonly string[]): SamlRole[] {
  const roles: SamlRole[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const parts = value.split(/[,;\s]+/).filter((part) => part !== "");
    const roleArns = parts.filter((part) => ROLE_ARN.test(part));
    const providerArns = parts.filter((part) => PROVIDER_ARN.test(part));
    let pairs: SamlRole[] = [];
    if (providerArns.length === 1) {
      pairs = roleArns.map((roleArn) => ({ roleArn, principalArn: providerArns[0] }));
    } else if (roleArns.length === providerArns.length) {
      pairs = roleArns.map((roleArn, i) => ({ roleArn, principalArn: providerArns[i] }));
    }
    for (const pair of pairs) {
      const key = `${pair.roleArn},${pair.principalArn}`;
      if (!seen.has(key)) {
        seen.add(key);
        roles.push(pair);
      }
    }
  }
  return roles;
}

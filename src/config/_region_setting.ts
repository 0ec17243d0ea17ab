/**
 * AWS region names are lowercase letters, digits and hyphens (`eu-west-1`,
 * `us-gov-west-1`, `cn-north-1`); anything else would reach STS as an invalid URL or an
 * unsigned scope. `fail(message)` builds the front-end's own error naming the setting.
 */
export function checkRegionSetting(
  value: string | undefined,
  setting: string,
  fail: (message: string) => Error,
): string | undefined {
  if (value === undefined || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) return value;
  throw fail(
    `${setting} must be an AWS region name such as eu-west-1 (lowercase letters, digits, hyphens).`,
  );
}

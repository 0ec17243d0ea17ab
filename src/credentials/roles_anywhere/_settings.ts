import { CredentialSettingError } from "../errors.ts";

const SOURCE = "fromRolesAnywhere options";

// arn:<partition>:rolesanywhere:<region>:<account>:trust-anchor/<id> (or profile/<id>).
const ROLES_ANYWHERE_ARN =
  /^arn:(aws[a-z-]*):rolesanywhere:([a-z0-9-]+):(\d{12}):(trust-anchor|profile)\/([\w-]+)$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
// The RoleSessionName pattern of STS, to which Roles Anywhere passes the name on.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function quoted(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value.slice(0, 200)) : typeof value;
}

/** The region of a trust anchor or profile ARN, or a {@linkcode CredentialSettingError}. */
export function arnRegion(setting: "trustAnchorArn" | "profileArn", value: unknown): string {
  const kind = setting === "trustAnchorArn" ? "trust-anchor" : "profile";
  const match = typeof value === "string" ? ROLES_ANYWHERE_ARN.exec(value) : null;
  if (match === null || match[4] !== kind) {
    throw new CredentialSettingError(
      SOURCE,
      setting,
      `must be an ARN like arn:aws:rolesanywhere:<region>:<account>:${kind}/<id>, got ${
        quoted(value)
      }.`,
    );
  }
  return match[2];
}

/** `value` checked to be an IAM role ARN. */
export function roleArn(value: unknown): string {
  if (typeof value !== "string" || !ROLE_ARN.test(value)) {
    throw new CredentialSettingError(
      SOURCE,
      "roleArn",
      `must be an IAM role ARN like arn:aws:iam::<account>:role/<name>, got ${quoted(value)}.`,
    );
  }
  return value;
}

/** `value` checked to be a session duration CreateSession accepts (900 to 43200 s), or undefined. */
export function durationSeconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 900 || (value as number) > 43200) {
    throw new CredentialSettingError(
      SOURCE,
      "durationSeconds",
      `must be a whole number of seconds from 900 to 43200, got ${String(value)}.`,
    );
  }
  return value as number;
}

/** `value` checked to be a role session name, or undefined. */
export function sessionName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !SESSION_NAME.test(value)) {
    throw new CredentialSettingError(
      SOURCE,
      "sessionName",
      `must be 2 to 64 letters, digits or any of _+=,.@- (a role session name), got ${
        quoted(value)
      }.`,
    );
  }
  return value;
}

/** `https://rolesanywhere.<region>.amazonaws.com` (`.amazonaws.com.cn` in China). */
export function defaultEndpoint(region: string): URL {
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return new URL(`https://rolesanywhere.${region}.${suffix}`);
}

/** The `endpoint` option, checked: an http(s) URL, or `undefined`. */
export function endpointOption(endpoint: unknown, region: string): string | undefined {
  if (endpoint === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof endpoint === "string" ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new CredentialSettingError(
      SOURCE,
      "endpoint",
      `must be an http(s) URL such as https://rolesanywhere.${region}.amazonaws.com, got ${
        quoted(endpoint)
      }.`,
    );
  }
  return (endpoint as string).replace(/\/+$/, "");
}

import { AwsServiceError } from "../aws_error.ts";
import type { EmulatorState, Identity } from "../state.ts";
import type { Role } from "../sts_state.ts";
import { credentialsXml, xmlElement } from "./sts_xml.ts";

/** Temporary credentials STS issued: registered in the state, ready to sign with. */
export type IssuedCredentials = Identity & { sessionToken: string; expiration: Date };

/**
 * The role `arn` names, or the `AccessDenied` STS answers when the caller may not
 * assume it (here: when the emulator has no such role).
 */
export function assumableRole(
  state: EmulatorState,
  arn: string,
  action: string,
  caller: Identity | undefined,
): Role {
  const role = state.roles.get(arn);
  if (role === undefined) throw notAuthorized(action, arn, caller);
  return role;
}

/** The 403 `AccessDenied` of a caller not allowed to call `action` on `resource`. */
export function notAuthorized(
  action: string,
  resource: string,
  caller: Identity | undefined,
): AwsServiceError {
  return new AwsServiceError({
    status: 403,
    code: "AccessDenied",
    message: caller === undefined
      ? `Not authorized to perform sts:${action}`
      : `User: ${caller.arn} is not authorized to perform: sts:${action} on resource: ${resource}`,
  });
}

/**
 * Starts a session of `role` named `sessionName`: issues and registers credentials whose
 * caller identity is the assumed-role ARN, and returns them with the `<Credentials>` and
 * `<AssumedRoleUser>` elements of the response.
 *
 * Fails with `ValidationError` when `durationSeconds` exceeds the role's maximum, as STS.
 */
export function startRoleSession(
  state: EmulatorState,
  role: Role,
  sessionName: string,
  durationSeconds: number,
): { credentials: IssuedCredentials; xml: string } {
  if (durationSeconds > role.maxSessionDuration) {
    throw new AwsServiceError({
      status: 400,
      code: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
  }
  const arn =
    `arn:${role.partition}:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`;
  const userId = `${role.roleId}:${sessionName}`;
  const credentials = state.issueCredentials({
    arn,
    userId,
    accountId: role.accountId,
    durationSeconds,
  });
  const xml = credentialsXml(credentials) +
    `<AssumedRoleUser>${xmlElement("AssumedRoleId", userId)}${
      xmlElement("Arn", arn)
    }</AssumedRoleUser>`;
  return { credentials, xml };
}

import { AwsServiceError } from "../aws_error.ts";
import type { EmulatorState, Identity } from "../state.ts";
import type { QueryAction, QueryService } from "./query_api.ts";
import {
  ARN_RULE,
  durationParam,
  NAME_PATTERN,
  SERIAL_NUMBER_RULE,
  SESSION_NAME_RULE,
  stringParam,
  TOKEN_CODE_RULE,
} from "./sts_params.ts";
import { assumeRoleWithSaml, assumeRoleWithWebIdentity } from "./sts_federation.ts";
import { packedSessionPolicySize } from "./sts_session_policy.ts";
import { assumableRole, notAuthorized, startRoleSession } from "./sts_sessions.ts";
import { credentialsXml, stsResponse, xmlElement } from "./sts_xml.ts";

/** The STS API version, sent by clients in `Version`. */
export const STS_VERSION = "2011-06-15";

/**
 * The emulated AWS Security Token Service, for {@linkcode queryApiRoutes}: `AssumeRole`,
 * `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML` (these two also unsigned),
 * `GetSessionToken`, `GetCallerIdentity` and `GetFederationToken`, answering in STS's
 * XML. Every credential it issues is registered in `state` and can sign later calls;
 * every call is recorded in `state.stsCalls`.
 *
 * @example
 * ```ts
 * app.route("/", queryApiRoutes({ sts: stsService(state) }));
 * ```
 */
export function stsService(state: EmulatorState): QueryService {
  return {
    version: STS_VERSION,
    actions: {
      AssumeRole: assumeRole(state),
      AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity(state),
      AssumeRoleWithSAML: assumeRoleWithSaml(state),
      GetSessionToken: getSessionToken(state),
      GetCallerIdentity: getCallerIdentity(),
      GetFederationToken: getFederationToken(state),
    },
    unsignedActions: new Set(["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]),
    record: ({ action, params, identity }) =>
      state.stsCalls.push({
        action,
        params: Object.fromEntries(params),
        accessKeyId: identity?.accessKeyId,
      }),
  };
}

function assumeRole(state: EmulatorState): QueryAction {
  return ({ params, requestId, identity }) => {
    const roleArn = stringParam(params, "RoleArn", { ...ARN_RULE, required: true });
    const sessionName = stringParam(params, "RoleSessionName", SESSION_NAME_RULE);
    const duration = durationParam(params, { min: 900, max: 43200, fallback: 3600 });
    const externalId = stringParam(params, "ExternalId", {
      min: 2,
      max: 1224,
      pattern: "[\\w+=,.@:\\/-]*",
    });
    const serialNumber = stringParam(params, "SerialNumber", SERIAL_NUMBER_RULE);
    const tokenCode = stringParam(params, "TokenCode", TOKEN_CODE_RULE);
    const sourceIdentity = stringParam(params, "SourceIdentity", {
      min: 2,
      max: 64,
      pattern: NAME_PATTERN,
    });
    const packedPolicySize = packedSessionPolicySize(params, { tags: true });
    const role = assumableRole(state, roleArn, "AssumeRole", identity);
    if (role.externalId !== undefined && externalId !== role.externalId) {
      throw notAuthorized("AssumeRole", roleArn, identity);
    }
    const mfa = role.requireMfa;
    if (mfa && (serialNumber !== mfa.serialNumber || tokenCode !== mfa.code)) {
      throw notAuthorized("AssumeRole", roleArn, identity);
    }
    if (identity?.arn.includes(":assumed-role/") && duration > 3600) {
      throw new AwsServiceError({
        status: 400,
        code: "ValidationError",
        message:
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
      });
    }
    const { xml } = startRoleSession(state, role, sessionName, duration);
    return stsResponse(
      "AssumeRole",
      requestId,
      xml + xmlElement("PackedPolicySize", packedPolicySize) +
        xmlElement("SourceIdentity", sourceIdentity),
    );
  };
}

function getSessionToken(state: EmulatorState): QueryAction {
  return ({ params, requestId, identity }) => {
    const caller = longTermCaller("GetSessionToken", identity);
    const duration = durationParam(params, { min: 900, max: 129600, fallback: 43200 });
    const serialNumber = stringParam(params, "SerialNumber", SERIAL_NUMBER_RULE);
    const tokenCode = stringParam(params, "TokenCode", TOKEN_CODE_RULE);
    if (serialNumber !== undefined || tokenCode !== undefined) {
      const failure = serialNumber === undefined || tokenCode === undefined
        ? "must provide both MFA serial number and one time pass code."
        : state.mfaDevices.get(serialNumber) !== tokenCode
        ? "with invalid MFA one time pass code."
        : undefined;
      if (failure !== undefined) {
        throw new AwsServiceError({
          status: 403,
          code: "AccessDenied",
          message: `MultiFactorAuthentication failed ${failure}`,
        });
      }
    }
    const credentials = state.issueCredentials({
      arn: caller.arn,
      accountId: caller.accountId,
      userId: caller.userId,
      durationSeconds: duration,
    });
    return stsResponse("GetSessionToken", requestId, credentialsXml(credentials));
  };
}

function getCallerIdentity(): QueryAction {
  return ({ requestId, identity }) => {
    // Never unsigned: STS serves only two actions without a signature.
    const { userId, accountId, arn } = identity as Identity;
    return stsResponse(
      "GetCallerIdentity",
      requestId,
      xmlElement("UserId", userId) + xmlElement("Account", accountId) + xmlElement("Arn", arn),
    );
  };
}

function getFederationToken(state: EmulatorState): QueryAction {
  return ({ params, requestId, identity }) => {
    const caller = longTermCaller("GetFederationToken", identity);
    const name = stringParam(params, "Name", {
      min: 2,
      max: 32,
      pattern: NAME_PATTERN,
      required: true,
    });
    const duration = durationParam(params, { min: 900, max: 129600, fallback: 43200 });
    const packedPolicySize = packedSessionPolicySize(params, { tags: true });
    const partition = caller.arn.split(":")[1];
    const arn = `arn:${partition}:sts::${caller.accountId}:federated-user/${name}`;
    const userId = `${caller.accountId}:${name}`;
    const credentials = state.issueCredentials({
      arn,
      userId,
      accountId: caller.accountId,
      durationSeconds: duration,
    });
    return stsResponse(
      "GetFederationToken",
      requestId,
      credentialsXml(credentials) +
        `<FederatedUser>${xmlElement("FederatedUserId", userId)}${
          xmlElement("Arn", arn)
        }</FederatedUser>` +
        xmlElement("PackedPolicySize", packedPolicySize),
    );
  };
}

/** The caller, unless it signed with session credentials, which STS refuses for `action`. */
function longTermCaller(action: string, identity: Identity | undefined): Identity {
  const caller = identity as Identity;
  if (caller.sessionToken !== undefined) {
    throw new AwsServiceError({
      status: 403,
      code: "AccessDenied",
      message: `Cannot call ${action} with session credentials`,
    });
  }
  return caller;
}

import type { Context } from "hono";
import { Hono } from "hono";
import type { CognitoIdentity, IdentityPool } from "../cognito_identity_state.ts";
import type { EmulatorEnv } from "../emulator_env.ts";
import { randomIdChars } from "../random_ids.ts";
import type { EmulatorState } from "../state.ts";

const TARGET_PREFIX = "AWSCognitoIdentityService.";

type CognitoResult = Response | { IdentityId: string } | Record<string, unknown>;

/**
 * Amazon Cognito Identity (`cognito-identity.<region>.amazonaws.com`, AWS JSON 1.1,
 * unsigned), mounted at `/cognito-identity` before signature verification: `POST /` with
 * `X-Amz-Target: AWSCognitoIdentityService.GetId` or `.GetCredentialsForIdentity` and
 * `Content-Type: application/x-amz-json-1.1`. Checks what Cognito checks: the pool exists,
 * every login token is valid for its provider, unauthenticated access is allowed, the
 * identity exists (`ResourceNotFoundException`) and the logins belong to it. Credentials
 * are registered as a session of the pool's role (`Expiration` in epoch seconds). Every
 * call is recorded in `state.cognito.calls`.
 *
 * @example
 * ```ts
 * app.route("/cognito-identity", cognitoIdentityRoutes(state));
 * ```
 */
export function cognitoIdentityRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const cognito = state.cognito;
  const routes = new Hono<EmulatorEnv>();
  // The service's only path is `/`: the prefix with or without its trailing slash.
  routes.post("*", async (c) => {
    if (!/^\/cognito-identity\/?$/.test(c.req.path)) {
      return cognitoError(c, "UnknownOperationException", `No operation at ${c.req.path}`);
    }
    const target = c.req.header("x-amz-target") ?? "";
    const contentType = c.req.header("content-type") ?? "";
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      body = undefined;
    }
    cognito.calls.push({
      target,
      contentType,
      signed: c.req.header("authorization") !== undefined,
      body,
    });
    if (!contentType.startsWith("application/x-amz-json-1.1")) {
      return cognitoError(
        c,
        "SerializationException",
        "Content-Type must be application/x-amz-json-1.1",
      );
    }
    if (typeof body !== "object" || body === null) {
      return cognitoError(c, "SerializationException", "The body is not a JSON object");
    }
    const input = body as Record<string, unknown>;
    const result = target === `${TARGET_PREFIX}GetId`
      ? getId(c, input)
      : target === `${TARGET_PREFIX}GetCredentialsForIdentity`
      ? getCredentialsForIdentity(c, input)
      : cognitoError(c, "UnknownOperationException", `Unknown target ${target}`);
    return result instanceof Response ? result : c.json(result, 200, {
      "content-type": "application/x-amz-json-1.1",
    });
  });
  return routes;

  /** The validated `Logins` as `provider/subject` strings, or an error response. */
  function checkLogins(
    c: Context<EmulatorEnv>,
    pool: IdentityPool,
    logins: unknown,
  ): string[] | Response {
    if (logins === undefined) return [];
    if (typeof logins !== "object" || logins === null) {
      return cognitoError(c, "InvalidParameterException", "Logins must be a map");
    }
    const subjects: string[] = [];
    for (const [provider, token] of Object.entries(logins)) {
      const subject = typeof token === "string" ? pool.logins.get(provider)?.get(token) : undefined;
      if (subject === undefined) {
        return cognitoError(c, "NotAuthorizedException", "Invalid login token.");
      }
      subjects.push(`${provider}/${subject}`);
    }
    return subjects;
  }

  function getId(c: Context<EmulatorEnv>, input: Record<string, unknown>): CognitoResult {
    const pool = cognito.pools.get(String(input.IdentityPoolId));
    if (pool === undefined) {
      return cognitoError(c, "ResourceNotFoundException", "IdentityPool not found");
    }
    const logins = checkLogins(c, pool, input.Logins);
    if (logins instanceof Response) return logins;
    if (logins.length === 0 && !pool.allowUnauthenticated) {
      return cognitoError(
        c,
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
      );
    }
    const existing = logins.length === 0
      ? undefined
      : [...cognito.identities.values()].find((identity) =>
        identity.identityPoolId === pool.identityPoolId && logins.includes(identity.login ?? "")
      );
    if (existing !== undefined) return { IdentityId: existing.identityId };
    const identity: CognitoIdentity = {
      identityId: `us-east-1:${crypto.randomUUID()}`,
      identityPoolId: pool.identityPoolId,
      ...(logins.length > 0 ? { login: logins[0] } : {}),
    };
    cognito.identities.set(identity.identityId, identity);
    return { IdentityId: identity.identityId };
  }

  function getCredentialsForIdentity(
    c: Context<EmulatorEnv>,
    input: Record<string, unknown>,
  ): CognitoResult {
    const identity = cognito.identities.get(String(input.IdentityId));
    const pool = identity && cognito.pools.get(identity.identityPoolId);
    if (identity === undefined || pool === undefined) {
      return cognitoError(
        c,
        "ResourceNotFoundException",
        `Identity '${String(input.IdentityId)}' not found.`,
      );
    }
    const logins = checkLogins(c, pool, input.Logins);
    if (logins instanceof Response) return logins;
    if (identity.login !== undefined ? !logins.includes(identity.login) : logins.length > 0) {
      return cognitoError(
        c,
        "NotAuthorizedException",
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
      );
    }
    if (identity.login === undefined && !pool.allowUnauthenticated) {
      return cognitoError(
        c,
        "NotAuthorizedException",
        "Unauthenticated access is not supported for this identity pool.",
      );
    }
    let roleArn = identity.login === undefined
      ? pool.unauthenticatedRoleArn
      : pool.authenticatedRoleArn;
    if (input.CustomRoleArn !== undefined) {
      if (
        identity.login === undefined || !pool.customRoleArns.includes(String(input.CustomRoleArn))
      ) {
        return cognitoError(
          c,
          "NotAuthorizedException",
          "The CustomRoleArn is not allowed for this identity.",
        );
      }
      roleArn = String(input.CustomRoleArn);
    }
    const [, , , , accountId, resource] = roleArn.split(":");
    const roleName = resource.replace(/^role\//, "").split("/").at(-1);
    const credentials = state.issueCredentials({
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/CognitoIdentityCredentials`,
      accountId,
      userId: `AROA${randomIdChars(17)}:CognitoIdentityCredentials`,
      durationSeconds: cognito.credentialDurationSeconds,
    });
    return {
      IdentityId: identity.identityId,
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: credentials.expiration.getTime() / 1000,
      },
    };
  }
}

/** An AWS JSON 1.1 error: 400, `__type` and `message`, `x-amzn-ErrorType`. */
function cognitoError(c: Context<EmulatorEnv>, type: string, message: string): Response {
  return c.json({ __type: type, message }, 400, {
    "x-amzn-ErrorType": type,
    "content-type": "application/x-amz-json-1.1",
  });
}

/**
 * IAM Roles Anywhere (`rolesanywhere.<region>.amazonaws.com`, REST-JSON), mounted before
 * SigV4 verification because its one client call is signed with a certificate's key:
 * `POST /sessions` (CreateSession) checks what the service documents — the X.509 signature
 * over the canonical request with the public key of `X-Amz-X509`, a chain (with
 * `X-Amz-X509-Chain`) to the CA certificate of the trust anchor, validity at the request
 * time — then the trust anchor, profile and role, and answers 201 with the documented JSON.
 * The credentials are registered as a session of the role, so they sign further calls.
 *
 * `POST /__rolesanywhere/trust-anchors` (a test knob, like `/__static`) registers a CA
 * certificate from a test that runs elsewhere (the runtime matrix) and answers the ARNs of a
 * new trust anchor and of a profile for the roles it names.
 *
 * @module
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { Buffer } from "node:buffer";
import { X509Certificate } from "node:crypto";
import type { EmulatorEnv } from "../emulator_env.ts";
import { randomIdChars } from "../random_ids.ts";
import type { EmulatorState } from "../state.ts";
import { parseRoleArn } from "../sts_state.ts";
import { chainFailure, verifyX509Request } from "./roles_anywhere_check.ts";

/** A trust anchor: the CA whose certificates may create sessions, in one region. */
export interface RolesAnywhereTrustAnchor {
  readonly arn: string;
  readonly region: string;
  readonly certificate: X509Certificate;
}

/** A profile: the roles sessions may take, and the default session duration. */
export interface RolesAnywhereProfile {
  readonly arn: string;
  readonly roleArns: readonly string[];
  readonly durationSeconds: number;
}

/** One CreateSession call as the emulator saw it. */
export interface RolesAnywhereCall {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  /** The parameters, from the JSON body or the query. */
  readonly params: Record<string, unknown>;
}

/** The service's state: trust anchors and profiles by ARN, and the calls made. */
export class RolesAnywhereState {
  readonly trustAnchors: Map<string, RolesAnywhereTrustAnchor> = new Map();
  readonly profiles: Map<string, RolesAnywhereProfile> = new Map();
  readonly calls: RolesAnywhereCall[] = [];

  /** Trusts the CA certificate `certificate` (PEM or DER) in `region` (default us-east-1). */
  addTrustAnchor(certificate: string | Uint8Array, region = "us-east-1"): RolesAnywhereTrustAnchor {
    const anchor = {
      arn: `arn:aws:rolesanywhere:${region}:123456789012:trust-anchor/${crypto.randomUUID()}`,
      region,
      certificate: new X509Certificate(
        typeof certificate === "string" ? certificate : Buffer.from(certificate),
      ),
    };
    this.trustAnchors.set(anchor.arn, anchor);
    return anchor;
  }

  /** A profile for `roleArns` (sessions last `durationSeconds`, default 3600, unless asked otherwise). */
  addProfile(roleArns: readonly string[], region = "us-east-1", durationSeconds = 3600) {
    const profile: RolesAnywhereProfile = {
      arn: `arn:aws:rolesanywhere:${region}:123456789012:profile/${crypto.randomUUID()}`,
      roleArns,
      durationSeconds,
    };
    this.profiles.set(profile.arn, profile);
    return profile;
  }
}

const states = new WeakMap<EmulatorState, RolesAnywhereState>();

/** The IAM Roles Anywhere state of an emulator. */
export function rolesAnywhereState(state: EmulatorState): RolesAnywhereState {
  let service = states.get(state);
  if (service === undefined) states.set(state, service = new RolesAnywhereState());
  return service;
}

class Refusal {
  constructor(readonly status: 400 | 403 | 404, readonly code: string, readonly message: string) {}
}

// RoleSessionName as STS defines it, which Roles Anywhere passes on.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/**
 * The routes, mounted at `/`: `POST /sessions` and the `/__rolesanywhere/trust-anchors` knob.
 *
 * @example
 * ```ts
 * app.route("/", rolesAnywhereRoutes(state));
 * ```
 */
export function rolesAnywhereRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const service = rolesAnywhereState(state);
  const routes = new Hono<EmulatorEnv>();

  routes.post("/__rolesanywhere/trust-anchors", async (c) => {
    const { certificate, roleArns } = await c.req.json() as {
      certificate: string;
      roleArns: string[];
    };
    const anchor = service.addTrustAnchor(certificate);
    return c.json({
      trustAnchorArn: anchor.arn,
      profileArn: service.addProfile(roleArns).arn,
    }, 201);
  });

  routes.post("/sessions", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    let params: Record<string, unknown> = Object.fromEntries(new URL(c.req.url).searchParams);
    try {
      const parsed = body.length === 0 ? {} : JSON.parse(new TextDecoder().decode(body));
      params = { ...params, ...parsed };
      const answer = createSession(c.req.raw, body, params);
      service.calls.push({ status: 201, params });
      return c.json(answer, 201);
    } catch (error) {
      const refusal = error instanceof Refusal
        ? error
        : new Refusal(400, "ValidationException", "The body is not a JSON object");
      service.calls.push({
        status: refusal.status,
        code: refusal.code,
        message: refusal.message,
        params,
      });
      return restJsonError(c, refusal);
    }
  });
  return routes;

  function createSession(request: Request, body: Uint8Array, params: Record<string, unknown>) {
    const now = state.now();
    const verified = verifyX509Request(request, body, now);
    if (typeof verified === "string") throw new Refusal(403, "AccessDeniedException", verified);
    const anchor = service.trustAnchors.get(String(params.trustAnchorArn));
    const profile = service.profiles.get(String(params.profileArn));
    if (anchor === undefined) {
      throw new Refusal(404, "ResourceNotFoundException", "Trust anchor not found");
    }
    if (profile === undefined) {
      throw new Refusal(404, "ResourceNotFoundException", "Profile not found");
    }
    if (verified.region !== anchor.region) {
      throw new Refusal(
        403,
        "AccessDeniedException",
        "Credential should be scoped to the trust anchor's region",
      );
    }
    const failure = chainFailure(verified.leaf, verified.chain, anchor.certificate, now);
    if (failure !== undefined) {
      throw new Refusal(403, "AccessDeniedException", `Untrusted certificate: ${failure}`);
    }
    const roleArn = String(params.roleArn);
    const role = state.roles.get(roleArn);
    if (!profile.roleArns.includes(roleArn) || role === undefined) {
      throw new Refusal(403, "AccessDeniedException", "Unable to assume role for this profile");
    }
    const duration = params.durationSeconds ?? profile.durationSeconds;
    if (!Number.isInteger(duration) || (duration as number) < 900 || (duration as number) > 43200) {
      throw new Refusal(400, "ValidationException", "durationSeconds must be from 900 to 43200");
    }
    const sessionName = params.roleSessionName ?? verified.leaf.serialNumber.toLowerCase();
    if (typeof sessionName !== "string" || !SESSION_NAME.test(sessionName)) {
      throw new Refusal(400, "ValidationException", "roleSessionName is not a valid session name");
    }
    // The emulator never lets a session outlive the certificate that opened it.
    const untilNotAfter = Math.floor((verified.leaf.validToDate.getTime() - now.getTime()) / 1000);
    const { accountId, name } = parseRoleArn(roleArn);
    const arn = `arn:aws:sts::${accountId}:assumed-role/${name}/${sessionName}`;
    const assumedRoleId = `${role.roleId}:${sessionName}`;
    const issued = state.issueCredentials({
      arn,
      accountId,
      userId: assumedRoleId,
      durationSeconds: Math.min(duration as number, untilNotAfter),
    });
    return {
      credentialSet: [{
        assumedRoleUser: { arn, assumedRoleId },
        credentials: {
          accessKeyId: issued.accessKeyId,
          expiration: issued.expiration.toISOString().replace(".000Z", "Z"),
          secretAccessKey: issued.secretAccessKey,
          sessionToken: issued.sessionToken,
        },
        packedPolicySize: 0,
        roleArn,
        sourceIdentity: /CN=([^\n,]*)/.exec(verified.leaf.subject)?.[1] ?? "",
      }],
      subjectArn: `arn:aws:rolesanywhere:${anchor.region}:123456789012:subject/${
        randomIdChars(8).toLowerCase()
      }`,
    };
  }
}

/** A REST-JSON error: the status, `x-amzn-ErrorType` and `{"message"}`, as the service sends. */
function restJsonError(c: Context<EmulatorEnv>, refusal: Refusal): Response {
  return c.json({ message: refusal.message }, refusal.status, {
    "x-amzn-ErrorType": refusal.code,
  });
}

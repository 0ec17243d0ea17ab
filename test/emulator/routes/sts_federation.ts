import { AwsServiceError } from "../aws_error.ts";
import type { EmulatorState } from "../state.ts";
import type { QueryAction } from "./query_api.ts";
import { checkSamlAssertion } from "./saml_assertion_check.ts";
import { ARN_RULE, durationParam, SESSION_NAME_RULE, stringParam } from "./sts_params.ts";
import { packedSessionPolicySize } from "./sts_session_policy.ts";
import { assumableRole, startRoleSession } from "./sts_sessions.ts";
import { stsResponse, xmlElement } from "./sts_xml.ts";

const DURATION = { min: 900, max: 43200, fallback: 3600 };

/**
 * `AssumeRoleWithWebIdentity`: the `WebIdentityToken` must be a JWT whose `iss` and
 * `aud` match a provider of `state.oidcProviders` (its signature is not checked), with a
 * `sub`, not past its `exp`; else 400 `InvalidIdentityToken` (`ExpiredTokenException`).
 */
export function assumeRoleWithWebIdentity(state: EmulatorState): QueryAction {
  return ({ params, requestId, identity }) => {
    const roleArn = stringParam(params, "RoleArn", { ...ARN_RULE, required: true });
    const sessionName = stringParam(params, "RoleSessionName", SESSION_NAME_RULE);
    const token = stringParam(params, "WebIdentityToken", { min: 4, max: 20000, required: true });
    const providerId = stringParam(params, "ProviderId", { min: 4, max: 2048 });
    const duration = durationParam(params, DURATION);
    const packedPolicySize = packedSessionPolicySize(params, { tags: false });
    const claims = webIdentityClaims(state, token);
    const role = assumableRole(state, roleArn, "AssumeRoleWithWebIdentity", identity);
    const { xml } = startRoleSession(state, role, sessionName, duration);
    return stsResponse(
      "AssumeRoleWithWebIdentity",
      requestId,
      xml + xmlElement("SubjectFromWebIdentityToken", claims.sub) +
        xmlElement("Audience", claims.audience) +
        xmlElement("Provider", providerId ?? claims.iss) +
        xmlElement("PackedPolicySize", packedPolicySize),
    );
  };
}

/**
 * `AssumeRoleWithSAML`: the assertion is judged by {@linkcode checkSamlAssertion}
 * (400 `InvalidIdentityToken` when refused); the session is named by its
 * `RoleSessionName` attribute (else its subject) and lasts `DurationSeconds`, else its
 * `SessionDuration` attribute, else an hour.
 */
export function assumeRoleWithSaml(state: EmulatorState): QueryAction {
  return async ({ params, requestId, identity }) => {
    const roleArn = stringParam(params, "RoleArn", { ...ARN_RULE, required: true });
    const principalArn = stringParam(params, "PrincipalArn", { ...ARN_RULE, required: true });
    const assertion = stringParam(params, "SAMLAssertion", {
      min: 4,
      max: 100000,
      required: true,
    });
    const requested = params.has("DurationSeconds") ? durationParam(params, DURATION) : undefined;
    const packedPolicySize = packedSessionPolicySize(params, { tags: false });
    const check = checkSamlAssertion(assertion, { roleArn, principalArn });
    if (!check.ok) throw invalidIdentityToken(check.message);
    const { facts } = check;
    const role = assumableRole(state, roleArn, "AssumeRoleWithSAML", identity);
    const sessionName = (facts.roleSessionName ?? facts.subject).replace(/[^\w+=,.@-]/g, "")
      .slice(0, 64).padEnd(2, "_");
    const duration = requested ?? facts.sessionDuration ?? DURATION.fallback;
    const { xml } = startRoleSession(state, role, sessionName, duration);
    const [, providerAccount, providerName] =
      principalArn.match(/:(\d{12}):saml-provider\/(.+)$/) ??
        [];
    const nameQualifier = await base64Sha1(`${facts.issuer}${providerAccount}/${providerName}`);
    return stsResponse(
      "AssumeRoleWithSAML",
      requestId,
      xml + xmlElement("Subject", facts.subject) + xmlElement("SubjectType", facts.subjectType) +
        xmlElement("Issuer", facts.issuer) + xmlElement("Audience", facts.audience) +
        xmlElement("NameQualifier", nameQualifier) +
        xmlElement("PackedPolicySize", packedPolicySize),
    );
  };
}

function invalidIdentityToken(message: string): AwsServiceError {
  return new AwsServiceError({ status: 400, code: "InvalidIdentityToken", message });
}

/** The claims of an acceptable token, with the `aud` that matched a provider. */
function webIdentityClaims(
  state: EmulatorState,
  token: string,
): { iss: string; sub: string; audience: string } {
  const claims = jwtPayload(token);
  if (claims === undefined) throw invalidIdentityToken("The ID Token provided is not a valid JWT.");
  const { iss, sub, aud, exp } = claims;
  const withoutScheme = (url: unknown) => String(url).replace(/^https:\/\//, "");
  const providers = state.oidcProviders.filter((p) =>
    typeof iss === "string" && withoutScheme(p.issuer) === withoutScheme(iss)
  );
  if (providers.length === 0) {
    throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${iss}`);
  }
  const audiences = Array.isArray(aud) ? aud : [aud];
  const audience = audiences.find((a) => providers.some((p) => p.audience === a));
  if (typeof audience !== "string") throw invalidIdentityToken("Incorrect token audience");
  if (typeof sub !== "string" || sub === "") {
    throw invalidIdentityToken("The ID Token provided has no 'sub' claim.");
  }
  if (typeof exp === "number" && exp * 1000 <= state.now().getTime()) {
    throw new AwsServiceError({
      status: 400,
      code: "ExpiredTokenException",
      message: "Token expired: current date/time must be before the expiration date/time.",
    });
  }
  return { iss: iss as string, sub, audience };
}

function jwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !/^[\w-]+$/.test(parts[1])) return undefined;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? payload
      : undefined;
  } catch {
    return undefined;
  }
}

async function base64Sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

import { AwsServiceError } from "../aws_error.ts";
import type { EmulatorState } from "../state.ts";
import type { QueryAction } from "./query_api.ts";
import { checkSamlAssertion } from "./saml_assertion_check.ts";
import { ARN_RULE, durationParam, SESSION_NAME_RULE, stringParam } from "./sts_params.ts";
import { packedSessionPolicySize } from "./sts_session_policy.ts";
import { assumableRole, startRoleSession } from "./sts_sessions.ts";
import { stsResponse, xmlElement } from "./sts_xml.ts";
import { checkWebIdentityToken } from "./web_identity_check.ts";

const DURATION = { min: 900, max: 43200, fallback: 3600 };

/**
 * `AssumeRoleWithWebIdentity`: the `WebIdentityToken` is judged by
 * {@linkcode checkWebIdentityToken} (issuer, audience, `sub`, `exp`, and the RS256 signature
 * when the provider has keys); else 400 `InvalidIdentityToken` (`ExpiredTokenException`).
 */
export function assumeRoleWithWebIdentity(state: EmulatorState): QueryAction {
  return async ({ params, requestId, identity }) => {
    const roleArn = stringParam(params, "RoleArn", { ...ARN_RULE, required: true });
    const sessionName = stringParam(params, "RoleSessionName", SESSION_NAME_RULE);
    const token = stringParam(params, "WebIdentityToken", { min: 4, max: 20000, required: true });
    const providerId = stringParam(params, "ProviderId", { min: 4, max: 2048 });
    const duration = durationParam(params, DURATION);
    const packedPolicySize = packedSessionPolicySize(params, { tags: false });
    const claims = await checkWebIdentityToken(state, token);
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
 * `AssumeRoleWithSAML`: the `PrincipalArn` must be a SAML provider registered with
 * `state.addSamlProvider`, and the assertion is judged by {@linkcode checkSamlAssertion}
 * against its certificate and the emulator's clock (400 `InvalidIdentityToken` when
 * refused, `ExpiredTokenException` when expired); the session is named by its
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
    const provider = state.samlProviders.get(principalArn);
    if (provider === undefined) {
      throw invalidIdentityToken(`No SAML provider found in your account for ${principalArn}`);
    }
    const check = checkSamlAssertion(assertion, {
      roleArn,
      principalArn,
      certificatePem: provider.certificatePem,
      now: state.now(),
    });
    if (!check.ok) {
      throw new AwsServiceError({ status: 400, code: check.code, message: check.message });
    }
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

async function base64Sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

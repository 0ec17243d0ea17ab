/**
 * The fake org's `/token` and `/device/authorize` endpoints, at the org authorization server
 * (`/oauth2/v1/…`, called `org` here) and at custom ones (`/oauth2/<id>/v1/…`): the client
 * and its grant types are checked first (`invalid_client`, `unsupported_grant_type`,
 * `unauthorized_client`), then the scopes (Okta API scopes such as `okta.apps.sso` only at
 * the org authorization server, and only those granted to the app), then the grant itself.
 *
 * @module
 */
import { clientCredentials, tokenExchange } from "./exchange_grants.ts";
import {
  type FakeAnswer,
  oauthError,
  unauthorizedClient,
  unsupportedGrant,
} from "./okta_errors.ts";
import {
  deviceAuthorize,
  deviceGrant,
  MFA_OOB,
  MFA_OTP,
  oobGrant,
  otpGrant,
  passwordGrant,
} from "./people_grants.ts";
import type { FakeOieClientInit, FakeOktaOieState } from "./state.ts";

/** RFC 8628's grant. */
export const DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8693's grant. */
export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];
const KNOWN_GRANTS = [
  DEVICE_CODE,
  TOKEN_EXCHANGE,
  "password",
  MFA_OOB,
  MFA_OTP,
  "client_credentials",
];

type Form = Readonly<Record<string, string>>;

/** `POST /token` at `server` (`org` or a custom id), called as `tokenUrl`. */
export async function tokenEndpoint(
  state: FakeOktaOieState,
  origin: string,
  server: string,
  tokenUrl: string,
  form: Form,
): Promise<FakeAnswer> {
  const grant = form.grant_type ?? "";
  if (grant === "client_credentials") {
    return await clientCredentials(state, origin, server, tokenUrl, form);
  }
  const client = state.clients.get(form.client_id ?? "");
  if (client === undefined) return oauthError("invalid_client_id");
  if (!KNOWN_GRANTS.includes(grant)) return unsupportedGrant(grant);
  if (!client.grants.includes(grant)) return unauthorizedClient(client.grants);
  switch (grant) {
    case DEVICE_CODE:
      return await deviceGrant(state, origin, server, form);
    case TOKEN_EXCHANGE:
      return server === "org" ? tokenExchange(state, form) : unsupportedGrant(grant);
    case "password": {
      const scopes = grantedScopes(state, client, server, form.scope);
      return scopes === undefined
        ? oauthError("invalid_scope")
        : await passwordGrant(state, origin, server, scopes, form);
    }
    case MFA_OOB:
      return await oobGrant(state, origin, form);
    default:
      return await otpGrant(state, origin, form);
  }
}

/** `POST /device/authorize` at `server`. */
export function deviceAuthorizeEndpoint(
  state: FakeOktaOieState,
  origin: string,
  server: string,
  form: Form,
): FakeAnswer {
  const client = state.clients.get(form.client_id ?? "");
  if (client === undefined) return oauthError("invalid_client_id");
  if (!client.grants.includes(DEVICE_CODE)) return unauthorizedClient(client.grants);
  const scopes = grantedScopes(state, client, server, form.scope);
  if (scopes === undefined) return oauthError("invalid_scope");
  return deviceAuthorize(state, origin, scopes, client.id);
}

/** The scopes asked for, if `server` may grant them all to `client`. */
function grantedScopes(
  state: FakeOktaOieState,
  client: FakeOieClientInit,
  server: string,
  scope: string | undefined,
): string[] | undefined {
  const asked = (scope ?? "").split(" ").filter((s) => s !== "");
  const allowed = server === "org"
    ? [...OIDC_SCOPES, ...client.oktaScopes ?? []]
    : [...OIDC_SCOPES, ...state.init.customScopes ?? ["okta-m2m-access"]];
  return asked.length > 0 && asked.every((s) => allowed.includes(s)) ? asked : undefined;
}

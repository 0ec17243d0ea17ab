/**
 * The fake org's token exchange for a web SSO token (the request okta-aws-cli sends; the
 * answer shaped as Okta's documented Native-to-Web SSO exchange: `token_type` `N_A`,
 * `expires_in` 300, the token in `access_token`, `issued_token_type`) with the checks whose
 * errors Okta's reference lists (`web_sso_*`, `token_exchange_*`), and the
 * `client_credentials` grant of a custom authorization server with a `private_key_jwt`
 * assertion checked by `client_assertion_check.ts`.
 *
 * @module
 */
import { checkClientAssertion } from "./client_assertion_check.ts";
import { tokenAnswer } from "./issue_tokens.ts";
import { type FakeAnswer, oauthError } from "./okta_errors.ts";
import { type FakeOktaOieState, randomToken } from "./state.ts";

/** okta-aws-cli's requested token type. */
export const WEB_SSO_TOKEN_TYPE = "urn:okta:oauth:token-type:web_sso_token";
const TYPES = {
  actor_token_type: "urn:ietf:params:oauth:token-type:access_token",
  subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
  requested_token_type: WEB_SSO_TOKEN_TYPE,
} as const;

type Form = Readonly<Record<string, string>>;

/** The token exchange: access token (actor) + ID token (subject) → a web SSO token. */
export function tokenExchange(state: FakeOktaOieState, form: Form): FakeAnswer {
  for (const [name, value] of Object.entries(TYPES)) {
    if (form[name] !== value) {
      return {
        status: 400,
        body: { error: "invalid_request", error_description: `The '${name}' is invalid.` },
      };
    }
  }
  const actor = state.accessTokens.get(form.actor_token ?? "");
  if (actor === undefined || actor.expiresAt <= Date.now() || actor.server !== "org") {
    return oauthError("token_exchange_subject_token_expired");
  }
  if (actor.clientId !== form.client_id) return oauthError("web_sso_actor_token_wrong_audience");
  if (!actor.scopes.includes("okta.apps.sso")) {
    return oauthError("web_sso_token_exchange_request_requires_scope");
  }
  const subject = state.idTokens.get(form.subject_token ?? "");
  if (subject === undefined) return oauthError("token_exchange_subject_token_expired");
  if (subject.clientId !== form.client_id) {
    return oauthError("web_sso_subject_token_client_mismatch");
  }
  const app = state.apps.get(/^urn:okta:apps:(.+)$/.exec(form.audience ?? "")?.[1] ?? "");
  if (app === undefined) return oauthError("token_exchange_invalid_audience");
  if (app.webSsoClient !== form.client_id) return oauthError("web_sso_client_not_permitted");
  if (!state.assigned(subject.user, app.id)) return oauthError("user_not_assigned");
  const token = randomToken(32);
  state.webSsoTokens.set(token, {
    user: subject.user,
    appId: app.id,
    expiresAt: Date.now() + 300_000,
    used: false,
  });
  return {
    status: 200,
    body: {
      token_type: "N_A",
      expires_in: 300,
      access_token: token,
      issued_token_type: WEB_SSO_TOKEN_TYPE,
    },
  };
}

/** `client_credentials` with a `private_key_jwt` assertion, for `tokenUrl`. */
export async function clientCredentials(
  state: FakeOktaOieState,
  origin: string,
  server: string,
  tokenUrl: string,
  form: Form,
): Promise<FakeAnswer> {
  if (form.client_assertion_type !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
    return oauthError("client_assertion_type_invalid");
  }
  const check = checkClientAssertion(
    state,
    form.client_assertion ?? "",
    tokenUrl,
    Math.floor(Date.now() / 1000),
  );
  if ("error" in check) return oauthError(check.error);
  if (!check.client.grants.includes("client_credentials")) {
    return {
      status: 400,
      body: {
        error: "unauthorized_client",
        error_description: "The client is not authorized to use the provided grant type. " +
          `Configured grant types: [${check.client.grants.join(", ")}].`,
      },
    };
  }
  const scopes = (form.scope ?? "").split(" ").filter((s) => s !== "");
  const allowed = state.init.customScopes ?? ["okta-m2m-access"];
  if (server === "org" || scopes.length === 0 || scopes.some((s) => !allowed.includes(s))) {
    return oauthError("invalid_scope");
  }
  return {
    status: 200,
    body: await tokenAnswer(state, origin, { clientId: check.client.id, scopes, server }),
  };
}

/**
 * The Okta org a login talks to: its origin, and the endpoints of its authorization servers
 * (the org authorization server at `/oauth2/v1/…`, a custom one at `/oauth2/<id>/v1/…`).
 * Every URL a login sends a secret to is built here from the org's origin, never taken from
 * an answer.
 *
 * @module
 */
import { checkSecretUrl } from "../../_secret_url.ts";

const ID = /^[A-Za-z0-9_-]{1,100}$/;

/** An Okta org's endpoints. */
export interface OktaOrg {
  /** The org's origin, e.g. `https://example.okta.com`. */
  readonly origin: string;
  /** `path` on the org, e.g. `/login/token/sso`. */
  url(path: string): URL;
  /** An OAuth endpoint (`token`, `challenge`, `device/authorize`) of an authorization server. */
  oauthUrl(endpoint: string, authorizationServerId?: string): URL;
}

/**
 * The org at `orgUrl`: an origin (`https://example.okta.com`) or, as okta-aws-cli's
 * `--org-domain` takes it, a bare host (`example.okta.com`). It must be `https:` (plain
 * `http:` only on a loopback address, for tests), since passwords and tokens go there.
 * `caller` names the function in the `TypeError` thrown for anything else.
 */
export function oktaOrg(orgUrl: string, caller: string): OktaOrg {
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(orgUrl) ? orgUrl : `https://${orgUrl}`);
  } catch {
    url = undefined;
  }
  if (url === undefined) {
    throw new TypeError(`${caller}: orgUrl is not an Okta org URL: ${JSON.stringify(orgUrl)}.`);
  }
  const origin = checkSecretUrl(url, "orgUrl", caller, "passwords and tokens are sent to it")
    .origin;
  return {
    origin,
    url: (path) => new URL(path, origin),
    oauthUrl: (endpoint, authorizationServerId) =>
      new URL(
        authorizationServerId === undefined
          ? `/oauth2/v1/${endpoint}`
          : `/oauth2/${authorizationServerId}/v1/${endpoint}`,
        origin,
      ),
  };
}

/** `value` when it looks like an Okta id (client, app, authorization server); else a TypeError. */
export function oktaId(value: string | undefined, name: string, caller: string): string {
  if (value === undefined || !ID.test(value)) {
    throw new TypeError(
      `${caller}: ${name} must be an Okta id (letters, digits, _ and -), ` +
        `got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

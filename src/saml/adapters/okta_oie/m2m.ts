import type { CredentialProvider } from "../../../sigv4/credentials.ts";
import { fromWebIdentity } from "../../../sts/from_web_identity.ts";
import type { StsConnection } from "../../../sts/connection.ts";
import { cachedTokenSource } from "../../../_shared/cached_token_source.ts";
import { unverifiedJwtClaims } from "../../../web_identity/jwt.ts";
import {
  importJwtSigningKey,
  type JwtSigningKey,
  signJwt,
} from "../../../web_identity/jwt_signing_key.ts";
import { missingField, oktaError, postOAuthForm, seconds, text } from "./_oauth.ts";
import { oktaId, oktaOrg } from "./_org.ts";
import { OktaOieError } from "./errors.ts";

/**
 * Options of {@linkcode oktaOieM2mTokenSource}, named after okta-aws-cli's `m2m` settings
 * (`--org-domain`, `--oidc-client-id`, `--private-key`, `--key-id`, `--authz-id`,
 * `--custom-scope`).
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { oktaOieM2mTokenSource, type OktaOieM2mTokenSourceOptions } from "@iamfetch/iamfetch/saml";
 *
 * // The service app's key pair (here a fresh P-256 one); Okta holds the public half.
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const asked: string[] = [];
 * const options: OktaOieM2mTokenSourceOptions = {
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oaa4htg72TNrkTDr1d7",
 *   privateKey: await crypto.subtle.exportKey("jwk", pair.privateKey),
 *   keyId: "kid-rock",
 *   authorizationServerId: "aus1machines",
 *   scope: "okta-m2m-access",
 *   fetch: (input) => { // a stand-in for Okta's token endpoint
 *     asked.push(String(input));
 *     return Promise.resolve(Response.json({ access_token: "okta-access-token", expires_in: 3600 }));
 *   },
 * };
 * assertEquals(await oktaOieM2mTokenSource(options)(), "okta-access-token");
 * assertEquals(asked, ["https://example.okta.com/oauth2/aus1machines/v1/token"]);
 * ```
 */
export interface OktaOieM2mTokenSourceOptions {
  /** The org: `https://example.okta.com`, or its host. */
  readonly orgUrl: string;
  /** The API service app's client id. */
  readonly clientId: string;
  /**
   * The private key whose public key is registered on the service app: PEM (PKCS #8, or
   * PKCS #1 / SEC1) or a private JWK (object or JSON text); RSA signs RS256, P-256 ES256.
   */
  readonly privateKey: string | (JsonWebKey & { readonly kid?: string });
  /** The key's id on the service app, sent as the assertion's `kid`; default the JWK's. */
  readonly keyId?: string;
  /** The custom authorization server; default `default` (okta-aws-cli's). */
  readonly authorizationServerId?: string;
  /** The scope; default `okta-m2m-access` (okta-aws-cli's). */
  readonly scope?: string;
  /** The fetch that reaches Okta; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** The clock of the assertion and the token's reuse, in ms. Default `Date.now`. */
  readonly now?: () => number;
}

const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/** Okta takes an assertion that expires within the hour; five minutes is plenty to use it. */
const ASSERTION_LIFETIME_SECONDS = 300;

/**
 * A source of access tokens for a machine, as okta-aws-cli's `m2m` command gets them: the
 * OAuth 2.0 `client_credentials` grant at a custom authorization server's `/token`, the
 * client authenticated by a `private_key_jwt` assertion (RFC 7523; `iss` = `sub` = client
 * id, `aud` = the token endpoint, `iat`, `exp` five minutes later, a fresh `jti`) signed on
 * WebCrypto with RS256 or ES256. A token is reused until 5 minutes before it expires;
 * concurrent calls share one request. Plug it into `fromWebIdentity`, or use
 * {@linkcode fromOktaOieM2m}.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { oktaOieM2mTokenSource } from "@iamfetch/iamfetch/saml";
 *
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const sent: URLSearchParams[] = [];
 * const token = oktaOieM2mTokenSource({
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oaa4htg72TNrkTDr1d7",
 *   privateKey: await crypto.subtle.exportKey("jwk", pair.privateKey),
 *   keyId: "kid-rock",
 *   fetch: async (input, init) => { // a stand-in for Okta's token endpoint
 *     sent.push(new URLSearchParams(await new Request(input, init).text()));
 *     return Response.json({ access_token: "okta-access-token", expires_in: 3600 });
 *   },
 * });
 * assertEquals([await token(), await token()], ["okta-access-token", "okta-access-token"]);
 * assertEquals(sent.length, 1); // the token is reused while it is valid
 * assertEquals([sent[0].get("grant_type"), sent[0].get("scope")], ["client_credentials", "okta-m2m-access"]);
 * // The client assertion: a JWT signed with the key, for the org's token endpoint.
 * const [header, claims] = sent[0].get("client_assertion")!.split(".", 2)
 *   .map((part) => JSON.parse(atob(part.replaceAll("-", "+").replaceAll("_", "/"))));
 * assertEquals(header, { alg: "ES256", typ: "JWT", kid: "kid-rock" });
 * assertEquals([claims.iss, claims.sub], ["0oaa4htg72TNrkTDr1d7", "0oaa4htg72TNrkTDr1d7"]);
 * assertEquals(claims.aud, "https://example.okta.com/oauth2/default/v1/token");
 * ```
 */
export function oktaOieM2mTokenSource(
  options: OktaOieM2mTokenSourceOptions,
): () => Promise<string> {
  const caller = "oktaOieM2mTokenSource";
  const org = oktaOrg(options.orgUrl, caller);
  const clientId = oktaId(options.clientId, "clientId", caller);
  const server = oktaId(
    options.authorizationServerId ?? "default",
    "authorizationServerId",
    caller,
  );
  const tokenUrl = org.oauthUrl("token", server);
  const now = options.now ?? Date.now;
  const context = { fetch: options.fetch ?? ((input, init) => fetch(input, init)) } as const;
  let key: Promise<JwtSigningKey> | undefined;
  return cachedTokenSource(async () => {
    key ??= importJwtSigningKey(options.privateKey).catch((cause) => {
      key = undefined;
      throw new OktaOieError("private-key", `The m2m private key is unusable: ${cause.message}`, {
        cause,
      });
    });
    const signing = await key;
    const iat = Math.floor(now() / 1000);
    const kid = options.keyId ?? signing.kid;
    const assertion = await signJwt(
      {
        iss: clientId,
        sub: clientId,
        aud: tokenUrl.href,
        iat,
        exp: iat + ASSERTION_LIFETIME_SECONDS,
        jti: crypto.randomUUID(),
      },
      signing,
      kid === undefined ? {} : { kid },
    );
    const requestedAt = now();
    const answer = await postOAuthForm(context, "client-credentials", tokenUrl, {
      grant_type: "client_credentials",
      scope: options.scope ?? "okta-m2m-access",
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
    });
    if (answer.status !== 200) {
      throw oktaError("client-credentials", tokenUrl, answer, [assertion]);
    }
    const token = text(answer.json?.access_token);
    if (token === undefined) {
      throw missingField("client-credentials", tokenUrl, answer.status, "access_token");
    }
    const exp = unverifiedJwtClaims(token)?.exp;
    const lifetime = seconds(answer.json?.expires_in);
    const expiresAt = typeof exp === "number"
      ? exp * 1000
      : lifetime === undefined
      ? undefined
      : requestedAt + lifetime * 1000;
    return { token, expiresAt };
  }, now);
}

/**
 * Options of {@linkcode fromOktaOieM2m}: the token source's, the role (okta-aws-cli's
 * `--aws-iam-role`), and where STS is.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fromOktaOieM2m, type FromOktaOieM2mOptions } from "@iamfetch/iamfetch/saml";
 *
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * let toSts = new URLSearchParams();
 * const options: FromOktaOieM2mOptions = {
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oaa4htg72TNrkTDr1d7",
 *   privateKey: await crypto.subtle.exportKey("jwk", pair.privateKey),
 *   roleArn: "arn:aws:iam::123456789012:role/ci",
 *   roleSessionName: "nightly-export",
 *   durationSeconds: 900,
 *   region: "eu-west-1",
 *   idpFetch: () => Promise.resolve(Response.json({ access_token: "okta-access-token", expires_in: 3600 })),
 *   fetch: async (input, init) => { // a stand-in for STS
 *     toSts = new URLSearchParams(await new Request(input, init).text());
 *     return new Response(
 *       "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>" +
 *         "<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>" +
 *         "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
 *     );
 *   },
 * };
 * await fromOktaOieM2m(options)();
 * assertEquals(
 *   ["RoleArn", "RoleSessionName", "DurationSeconds", "WebIdentityToken"].map((name) => toSts.get(name)),
 *   ["arn:aws:iam::123456789012:role/ci", "nightly-export", "900", "okta-access-token"],
 * );
 * ```
 */
export interface FromOktaOieM2mOptions
  extends Omit<OktaOieM2mTokenSourceOptions, "fetch">, StsConnection {
  /** The role whose trust policy names the Okta authorization server as OIDC provider. */
  readonly roleArn: string;
  /** The session name (`--aws-sts-role-session-name`); default `fromWebIdentity`'s. */
  readonly roleSessionName?: string;
  /** The session length in seconds (`--aws-session-duration`). */
  readonly durationSeconds?: number;
  /** The fetch that reaches Okta (`fetch` reaches STS); default the global `fetch`. */
  readonly idpFetch?: typeof fetch;
}

/**
 * Refreshing AWS credentials for a machine signed in to Okta: the access token of
 * {@linkcode oktaOieM2mTokenSource} presented to STS `AssumeRoleWithWebIdentity`, as
 * okta-aws-cli's `m2m` command does (the authorization server is the role's OIDC identity
 * provider in IAM). Credentials are cached and renewed 5 minutes before they expire; the
 * Okta token is reused while valid.
 *
 * @example
 * ```ts
 * import { assertEquals, assertThrows } from "@std/assert";
 * import { fromOktaOieM2m } from "@iamfetch/iamfetch/saml";
 *
 * const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
 * const options = {
 *   orgUrl: "https://example.okta.com",
 *   clientId: "0oaa4htg72TNrkTDr1d7",
 *   privateKey: await crypto.subtle.exportKey("jwk", pair.privateKey),
 *   keyId: "kid-rock",
 *   roleArn: "arn:aws:iam::123456789012:role/ci",
 *   region: "us-east-1",
 *   // Stand-ins for Okta's token endpoint and for STS.
 *   idpFetch: () => Promise.resolve(Response.json({ access_token: "okta-access-token", expires_in: 3600 })),
 *   fetch: () =>
 *     Promise.resolve(
 *       new Response(
 *         "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>" +
 *           "<AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>" +
 *           "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
 *       ),
 *     ),
 * };
 * const credentials = await fromOktaOieM2m(options)();
 * assertEquals([credentials.accessKeyId, credentials.expiration?.toISOString()], ["ASIAEXAMPLE", "2099-01-01T00:00:00.000Z"]);
 * assertThrows(() => fromOktaOieM2m({ ...options, roleArn: "" }), TypeError, "roleArn is required");
 * ```
 */
export function fromOktaOieM2m(options: FromOktaOieM2mOptions): CredentialProvider {
  if (typeof options.roleArn !== "string" || options.roleArn === "") {
    throw new TypeError("fromOktaOieM2m: roleArn is required.");
  }
  const { idpFetch, roleArn, roleSessionName, durationSeconds, ...rest } = options;
  const { region, endpoint, fetch, maxAttempts, timeoutMs } = rest;
  return fromWebIdentity({
    region,
    endpoint,
    fetch,
    maxAttempts,
    timeoutMs,
    roleArn,
    roleSessionName,
    durationSeconds,
    webIdentityToken: oktaOieM2mTokenSource({ ...rest, fetch: idpFetch }),
  });
}

import { cachedTokenSource } from "../_shared/cached_token_source.ts";
import { IdentityTokenError } from "./errors.ts";
import { unverifiedJwtClaims } from "./jwt.ts";
import { requestOAuthToken } from "./oauth_token_request.ts";
import { base64 } from "../_shared/bytes/base64.ts";

/**
 * Options of {@linkcode oidcTokenSource}.
 */
export interface OidcTokenSourceOptions {
  /** The OAuth 2.0 token endpoint of the OpenID provider. */
  readonly tokenUrl: string;
  /** The OAuth client id. */
  readonly clientId: string;
  /** The OAuth client secret; sent only to `tokenUrl`. */
  readonly clientSecret: string;
  /** The `scope` parameter, e.g. `openid`. */
  readonly scope?: string;
  /** The `audience` parameter (Auth0, Okta custom authorization servers). */
  readonly audience?: string;
  /**
   * How the client authenticates (RFC 6749 §2.3.1): `basic` (HTTP Basic, which every
   * server must support; the default) or `post` (`client_id` / `client_secret` in the body).
   */
  readonly clientAuthentication?: "basic" | "post";
  /** The fetch that reaches the token endpoint; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * A source of OpenID Connect tokens from the OAuth 2.0 client-credentials grant: the
 * `id_token` of the answer, else its `access_token` (providers such as Auth0 and Okta issue
 * JWT access tokens for machine clients). A token is reused until 5 minutes before it
 * expires (`exp` of a JWT, else `expires_in`); concurrent calls share one request. Plug it
 * into `fromWebIdentity({ webIdentityToken })`.
 *
 * @example
 * ```ts
 * import { oidcTokenSource } from "@iamfetch/iamfetch/web_identity";
 * import { fromWebIdentity } from "@iamfetch/iamfetch/sts";
 * import { assertEquals } from "@std/assert";
 *
 * // Stand-ins for the provider's token endpoint and for STS, which keep what they were sent.
 * const seen: Request[] = [];
 * const answering = (body: string) => (input: RequestInfo | URL, init?: RequestInit) => {
 *   seen.push(new Request(input, init));
 *   return Promise.resolve(new Response(body));
 * };
 * const credentials = fromWebIdentity({
 *   roleArn: "arn:aws:iam::123456789012:role/etl",
 *   webIdentityToken: oidcTokenSource({
 *     tokenUrl: "https://login.example.com/oauth2/token",
 *     clientId: "etl-job",
 *     clientSecret: "from-a-secret-store",
 *     fetch: answering(JSON.stringify({ access_token: "provider-token", expires_in: 3600 })),
 *   }),
 *   region: "us-east-1",
 *   fetch: answering(
 *     "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>" +
 *       "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>" +
 *       "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
 *   ),
 * });
 * assertEquals((await credentials()).accessKeyId, "ASIAEXAMPLE");
 * const [toProvider, toSts] = seen;
 * assertEquals(toProvider.headers.get("authorization"), `Basic ${btoa("etl-job:from-a-secret-store")}`);
 * assertEquals(new URLSearchParams(await toProvider.text()).get("grant_type"), "client_credentials");
 * assertEquals(new URLSearchParams(await toSts.text()).get("WebIdentityToken"), "provider-token");
 * ```
 */
export function oidcTokenSource(options: OidcTokenSourceOptions): () => Promise<string> {
  return cachedTokenSource(async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials" });
    if (options.scope !== undefined) form.set("scope", options.scope);
    if (options.audience !== undefined) form.set("audience", options.audience);
    const headers: Record<string, string> = {};
    if (options.clientAuthentication === "post") {
      form.set("client_id", options.clientId);
      form.set("client_secret", options.clientSecret);
    } else {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before the Basic encoding.
      const user = `${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`;
      headers.authorization = `Basic ${base64(user)}`;
    }
    const requestedAt = Date.now();
    const body = await requestOAuthToken("oidc", options.tokenUrl, form, {
      fetch: options.fetch,
      headers,
    });
    const token = typeof body.id_token === "string"
      ? body.id_token
      : typeof body.access_token === "string"
      ? body.access_token
      : undefined;
    if (token === undefined) {
      throw new IdentityTokenError(
        "oidc",
        `The token endpoint ${
          new URL(options.tokenUrl).origin
        } answered without an id_token or access_token.`,
      );
    }
    const exp = unverifiedJwtClaims(token)?.exp;
    const expiresAt = typeof exp === "number"
      ? exp * 1000
      : typeof body.expires_in === "number"
      ? requestedAt + body.expires_in * 1000
      : undefined;
    return { token, expiresAt };
  });
}

function formEncode(text: string): string {
  return new URLSearchParams({ v: text }).toString().slice(2);
}

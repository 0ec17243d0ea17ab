/**
 * Web-identity tokens for `AssumeRoleWithWebIdentity`, from any runtime: Google ID tokens
 * from a service account key (an RS256 JWT signed with WebCrypto, exchanged at Google's
 * token endpoint), and OpenID Connect tokens from any provider's client-credentials grant.
 * Each source caches its token until shortly before it expires and shares one request
 * between concurrent callers; pass it as `fromWebIdentity({ webIdentityToken })`.
 *
 * @example
 * ```ts
 * import { oidcTokenSource } from "@iamfetch/iamfetch/web_identity";
 * import { assertEquals } from "@std/assert";
 *
 * // An OpenID provider's token endpoint, answering the client-credentials grant.
 * let requests = 0;
 * const provider = async (input: RequestInfo | URL, init?: RequestInit) => {
 *   requests++;
 *   const form = new URLSearchParams(await new Request(input, init).text());
 *   assertEquals(form.get("grant_type"), "client_credentials");
 *   return Response.json({ access_token: "eyJ.token.sig", token_type: "Bearer", expires_in: 3600 });
 * };
 * const token = oidcTokenSource({
 *   tokenUrl: "https://login.example.com/oauth2/token",
 *   clientId: "etl-job",
 *   clientSecret: "from-a-secret-store",
 *   fetch: provider,
 * });
 * assertEquals(await token(), "eyJ.token.sig");
 * assertEquals(await token(), "eyJ.token.sig"); // cached until 5 minutes before it expires
 * assertEquals(requests, 1);
 * ```
 *
 * @module
 */
export { IdentityTokenError } from "./errors.ts";
export {
  GOOGLE_TOKEN_URI,
  googleIdTokenSource,
  type GoogleIdTokenSourceOptions,
  type GoogleServiceAccount,
} from "./google_id_token.ts";
export { oidcTokenSource, type OidcTokenSourceOptions } from "./oidc_token_source.ts";

import { cachedTokenSource } from "../_shared/cached_token_source.ts";
import { IdentityTokenError } from "./errors.ts";
import { importRs256PrivateKey, signJwtRs256, unverifiedJwtClaims } from "./jwt.ts";
import { requestOAuthToken } from "./oauth_token_request.ts";

/** Google's OAuth 2.0 token endpoint, the `token_uri` of every service-account key file. */
export const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

/**
 * The fields of a Google service-account key file (the JSON downloaded from the Cloud
 * console) that {@linkcode googleIdTokenSource} uses; other fields are ignored.
 */
export interface GoogleServiceAccount {
  /** The service account's email: the JWT's `iss` and `sub`. */
  readonly client_email: string;
  /** The PEM PKCS #8 RSA private key (`-----BEGIN PRIVATE KEY-----`). */
  readonly private_key: string;
  /** The key's id, sent as the JWT header's `kid` when present. */
  readonly private_key_id?: string;
  /** The token endpoint; default {@linkcode GOOGLE_TOKEN_URI}. */
  readonly token_uri?: string;
}

/**
 * Options of {@linkcode googleIdTokenSource}.
 */
export interface GoogleIdTokenSourceOptions {
  /** The service-account key (the parsed key file). */
  readonly serviceAccount: GoogleServiceAccount;
  /**
   * The ID token's `aud` (Google's `target_audience`): Airflow's
   * `assume_role_with_web_identity_federation_audience`, which the role's trust policy
   * checks as `accounts.google.com:oaud`.
   */
  readonly audience: string;
  /** The fetch that reaches the token endpoint; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

const JWT_LIFETIME_SECONDS = 3600;

/**
 * A source of Google-signed OpenID Connect ID tokens for a service account, as Airflow's
 * `assume_role_with_web_identity_federation: "google"` obtains them: an RS256 JWT signed
 * with WebCrypto from the key file's `private_key` (claims `iss = sub = client_email`,
 * `aud = token_uri`, `target_audience = audience`, one hour) is exchanged at the token
 * endpoint (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`) for an `id_token`.
 * The ID token is reused until 5 minutes before its `exp`; concurrent calls share one
 * request. Plug it into `fromWebIdentity({ webIdentityToken })`.
 *
 * Airflow reads Application Default Credentials; here the key file is passed in, so the
 * same code runs where there is no file system (Workers, browsers).
 *
 * @example
 * ```ts
 * import { googleIdTokenSource } from "@iamfetch/iamfetch/web_identity";
 * import { assertEquals } from "@std/assert";
 *
 * // A key file's private_key (here a fresh RSA key, as PEM PKCS #8).
 * const rsa = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" };
 * const { privateKey } = await crypto.subtle.generateKey(rsa, true, ["sign"]);
 * const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey));
 * const pem = `-----BEGIN PRIVATE KEY-----\n${btoa(String.fromCharCode(...der))}\n-----END PRIVATE KEY-----\n`;
 * // A stand-in for Google's token endpoint; the ID token's claims are {"exp":4102444800}.
 * const googleIdToken = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl";
 * const sent: Request[] = [];
 * const idToken = googleIdTokenSource({
 *   serviceAccount: { client_email: "sa@p.iam.gserviceaccount.com", private_key: pem },
 *   audience: "service_a.apache.com",
 *   fetch: (input, init) => {
 *     sent.push(new Request(input, init));
 *     return Promise.resolve(Response.json({ id_token: googleIdToken }));
 *   },
 * });
 * assertEquals([await idToken(), await idToken()], [googleIdToken, googleIdToken]);
 * assertEquals(sent.map((request) => request.url), ["https://oauth2.googleapis.com/token"]); // reused while valid
 * // What Google was sent: a JWT signed with the key, asking for an ID token for the audience.
 * const form = new URLSearchParams(await sent[0].text());
 * const claims = JSON.parse(atob(form.get("assertion")!.split(".")[1].replaceAll("-", "+").replaceAll("_", "/")));
 * assertEquals(
 *   [form.get("grant_type"), claims.iss, claims.target_audience],
 *   ["urn:ietf:params:oauth:grant-type:jwt-bearer", "sa@p.iam.gserviceaccount.com", "service_a.apache.com"],
 * );
 * ```
 */
export function googleIdTokenSource(options: GoogleIdTokenSourceOptions): () => Promise<string> {
  const { serviceAccount, audience } = options;
  const tokenUri = serviceAccount.token_uri ?? GOOGLE_TOKEN_URI;
  let key: Promise<CryptoKey> | undefined;
  return cachedTokenSource(async () => {
    if (!serviceAccount.client_email || !serviceAccount.private_key) {
      throw new IdentityTokenError(
        "google",
        "The service account needs client_email and private_key (the fields of its JSON key file).",
      );
    }
    try {
      key ??= importRs256PrivateKey(serviceAccount.private_key);
      await key;
    } catch (cause) {
      key = undefined;
      throw new IdentityTokenError(
        "google",
        `The private_key of ${serviceAccount.client_email} is unusable: ${
          (cause as Error).message
        }`,
        { cause },
      );
    }
    const iat = Math.floor(Date.now() / 1000);
    const assertion = await signJwtRs256(
      {
        iss: serviceAccount.client_email,
        sub: serviceAccount.client_email,
        aud: tokenUri,
        target_audience: audience,
        iat,
        exp: iat + JWT_LIFETIME_SECONDS,
      },
      await key,
      serviceAccount.private_key_id ? { kid: serviceAccount.private_key_id } : {},
    );
    const form = new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    });
    const body = await requestOAuthToken("google", tokenUri, form, { fetch: options.fetch });
    const idToken = body.id_token;
    const exp = typeof idToken === "string" ? unverifiedJwtClaims(idToken)?.exp : undefined;
    if (typeof idToken !== "string" || typeof exp !== "number") {
      throw new IdentityTokenError(
        "google",
        `The token endpoint ${
          new URL(tokenUri).origin
        } answered without an id_token JWT; is target_audience allowed for ${serviceAccount.client_email}?`,
      );
    }
    return { token: idToken, expiresAt: exp * 1000 };
  });
}

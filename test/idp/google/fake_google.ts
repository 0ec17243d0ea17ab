/**
 * A fake Google OAuth 2.0 token endpoint for service-account ID tokens: it verifies the
 * service account's RS256 JWT as Google does (registered `iss`, `kid`, signature, `aud` =
 * the token URI, `iat`/`exp` within an hour of now) and answers `{ id_token }`, an RS256 JWT
 * signed with its own key (`iss` `https://accounts.google.com`, `aud` = `target_audience`,
 * `azp` = `sub` = the account's `client_id`, `email`). Its public key is `jwks`, for the
 * emulator's OIDC provider record.
 *
 * @example
 * ```ts
 * await using google = await startFakeGoogle();
 * const account = await google.createServiceAccount("airflow@p.iam.gserviceaccount.com");
 * ```
 *
 * @module
 */
import { Hono } from "hono";
import { base64UrlDecode, signJwtRs256 } from "../../../src/web_identity/jwt.ts";
import { serveApp } from "../serve_app.ts";

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** A service-account key file, as the Cloud console downloads it. */
export interface ServiceAccountKeyFile {
  readonly type: "service_account";
  readonly client_email: string;
  readonly client_id: string;
  readonly private_key_id: string;
  readonly private_key: string;
  readonly token_uri: string;
}

/** A running fake Google token endpoint. */
export interface FakeGoogle extends AsyncDisposable {
  /** The token endpoint, `http://127.0.0.1:<port>/token`. */
  readonly tokenUri: string;
  /** The public key of its ID tokens, as a JWKS (`kid` `fake-google-1`). */
  readonly jwks: { readonly keys: readonly (JsonWebKey & { kid: string })[] };
  /** How many ID tokens it has issued. */
  readonly issued: number;
  /** Every refusal, as `error: description`, in order. */
  readonly refusals: readonly string[];
  /** Creates (and trusts) a service account with a fresh key pair. */
  createServiceAccount(email: string): Promise<ServiceAccountKeyFile>;
  /** Stops the server. */
  close(): Promise<void>;
}

interface Account {
  readonly clientId: string;
  readonly keyId: string;
  readonly publicKey: CryptoKey;
}

/** Starts the fake on a free loopback port. */
export async function startFakeGoogle(): Promise<FakeGoogle> {
  const signer = await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ["sign", "verify"],
  );
  const jwk = { ...await crypto.subtle.exportKey("jwk", signer.publicKey), kid: "fake-google-1" };
  const accounts = new Map<string, Account>();
  const refusals: string[] = [];
  let issued = 0;
  let tokenUri = "";

  const app = new Hono();
  app.post("/token", async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const refuse = (error: string, description: string) => {
      refusals.push(`${error}: ${description}`);
      return c.json({ error, error_description: description }, 400);
    };
    if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:jwt-bearer") {
      return refuse("unsupported_grant_type", "Invalid grant_type.");
    }
    const parts = (form.get("assertion") ?? "").split(".");
    const header = parts.length === 3 ? json(parts[0]) : undefined;
    const claims = parts.length === 3 ? json(parts[1]) : undefined;
    if (header === undefined || claims === undefined) {
      return refuse("invalid_grant", "Invalid JWT: not a JWT.");
    }
    const account = accounts.get(String(claims.iss));
    if (account === undefined || header.alg !== "RS256") {
      return refuse("invalid_grant", "Invalid grant: account not found");
    }
    if (header.kid !== undefined && header.kid !== account.keyId) {
      return refuse("invalid_grant", "Invalid JWT Signature.");
    }
    const signature = base64UrlDecode(parts[2]) as Uint8Array<ArrayBuffer> | undefined;
    const signed = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
    if (
      signature === undefined ||
      !(await crypto.subtle.verify(RSA, account.publicKey, signature, signed))
    ) {
      return refuse("invalid_grant", "Invalid JWT Signature.");
    }
    if (claims.aud !== tokenUri) return refuse("invalid_grant", "Invalid JWT: aud mismatch.");
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = claims;
    if (
      typeof iat !== "number" || typeof exp !== "number" || iat > now + 60 || exp <= now ||
      exp - iat > 3600
    ) {
      return refuse(
        "invalid_grant",
        "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.",
      );
    }
    if (typeof claims.target_audience !== "string" || claims.target_audience === "") {
      return refuse("invalid_scope", "Empty or missing scope not allowed.");
    }
    issued++;
    const idToken = await signJwtRs256(
      {
        iss: "https://accounts.google.com",
        aud: claims.target_audience,
        azp: account.clientId,
        sub: account.clientId,
        email: claims.iss,
        email_verified: true,
        iat: now,
        exp: now + 3600,
      },
      signer.privateKey,
      { kid: jwk.kid },
    );
    return c.json({ id_token: idToken });
  });

  const { url, close } = await serveApp(app);
  tokenUri = `${url}/token`;
  return {
    tokenUri,
    jwks: { keys: [jwk] },
    get issued() {
      return issued;
    },
    refusals,
    async createServiceAccount(email) {
      const pair = await crypto.subtle.generateKey(
        { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
        true,
        ["sign", "verify"],
      );
      const clientId = String(100000000000000000000n + BigInt(accounts.size));
      const keyId = crypto.randomUUID().replace(/-/g, "");
      accounts.set(email, { clientId, keyId, publicKey: pair.publicKey });
      return {
        type: "service_account",
        client_email: email,
        client_id: clientId,
        private_key_id: keyId,
        private_key: await pkcs8Pem(pair.privateKey),
        token_uri: tokenUri,
      };
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A private key as PEM PKCS #8, 64 characters a line, as Google's key files hold it. */
export async function pkcs8Pem(key: CryptoKey): Promise<string> {
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
  const base64 = btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n");
  return `-----BEGIN PRIVATE KEY-----\n${base64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

function json(part: string): Record<string, unknown> | undefined {
  const bytes = base64UrlDecode(part);
  try {
    const value = bytes && JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

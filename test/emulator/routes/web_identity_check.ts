import { AwsServiceError } from "../aws_error.ts";
import type { EmulatorState } from "../state.ts";
import type { OidcProvider } from "../sts_state.ts";

/** What `AssumeRoleWithWebIdentity` reads from an accepted token. */
export interface WebIdentityClaims {
  /** The `iss` claim. */
  readonly iss: string;
  /** The `sub` claim. */
  readonly sub: string;
  /** The audience that matched a provider (for Google, the `azp` claim when present). */
  readonly audience: string;
}

const GOOGLE_ISSUER = "accounts.google.com";

/**
 * Judges a `WebIdentityToken` as STS does, throwing the `AwsServiceError` STS would answer:
 * a JWT whose `iss` matches a provider of `state.oidcProviders`, whose audience is that
 * provider's, with a `sub`, not past its `exp` (`ExpiredTokenException`), and — when the
 * provider has `publicKeys` — an RS256 signature by one of them (`kid` matched when both
 * name one). Tokens of a provider without keys are accepted unsigned (older tests).
 */
export async function checkWebIdentityToken(
  state: EmulatorState,
  token: string,
): Promise<WebIdentityClaims> {
  const parts = token.split(".");
  const header = parts.length === 3 ? jsonPart(parts[0]) : undefined;
  const claims = parts.length === 3 ? jsonPart(parts[1]) : undefined;
  if (header === undefined || claims === undefined) {
    throw invalidIdentityToken("The ID Token provided is not a valid JWT.");
  }
  const { iss, sub, aud, azp, exp } = claims;
  const withoutScheme = (url: unknown) => String(url).replace(/^https:\/\//, "");
  const providers = state.oidcProviders.filter((p) =>
    typeof iss === "string" && withoutScheme(p.issuer) === withoutScheme(iss)
  );
  if (providers.length === 0) {
    throw invalidIdentityToken(`No OpenIDConnect provider found in your account for ${iss}`);
  }
  // IAM User Guide, "Available keys for AWS web identity federation": for Google,
  // `accounts.google.com:aud` is the `azp` claim when there is one (`oaud` is `aud`).
  const audienceClaim = withoutScheme(iss) === GOOGLE_ISSUER && typeof azp === "string" ? azp : aud;
  const audiences = Array.isArray(audienceClaim) ? audienceClaim : [audienceClaim];
  const audience = audiences.find((a) => providers.some((p) => p.audience === a));
  if (typeof audience !== "string") throw invalidIdentityToken("Incorrect token audience");
  const provider = providers.find((p) => p.audience === audience) as OidcProvider;
  if (provider.publicKeys !== undefined && !(await signedBy(provider, header, parts))) {
    throw invalidIdentityToken("The ID Token provided has an invalid signature.");
  }
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
  if (provider.publicKeys !== undefined && typeof exp !== "number") {
    throw invalidIdentityToken("The ID Token provided has no 'exp' claim.");
  }
  return { iss: iss as string, sub, audience };
}

async function signedBy(
  provider: OidcProvider,
  header: Record<string, unknown>,
  parts: string[],
): Promise<boolean> {
  if (header.alg !== "RS256") return false;
  const signature = base64UrlBytes(parts[2]);
  if (signature === undefined) return false;
  const data = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  for (const jwk of provider.publicKeys ?? []) {
    if (jwk.kid !== undefined && header.kid !== undefined && jwk.kid !== header.kid) continue;
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: jwk.kty, n: jwk.n, e: jwk.e },
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["verify"],
    );
    if (await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, data)) return true;
  }
  return false;
}

function invalidIdentityToken(message: string): AwsServiceError {
  return new AwsServiceError({ status: 400, code: "InvalidIdentityToken", message });
}

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[\w-]+$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function jsonPart(text: string): Record<string, unknown> | undefined {
  const bytes = base64UrlBytes(text);
  if (bytes === undefined) return undefined;
  try {
    const value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

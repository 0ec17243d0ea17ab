import { base64 } from "../../_shared/bytes/base64.ts";
import { ecdsaRawToDer } from "../../_shared/asn1/ecdsa_signature.ts";
import { type HashName, signingKeyOf } from "./_key.ts";
import type { PolicyToSign } from "./_policy.ts";
import { CloudFrontSignerError } from "./errors.ts";
import type { CloudfrontSignerCredentials } from "./types.ts";

/** CloudFront's URL-safe base64: `+` → `-`, `=` → `_`, `/` → `~` ("Signed URLs"). */
export function cloudFrontBase64(data: Uint8Array | string): string {
  return base64(data).replace(/[+=/]/g, (char) => char === "+" ? "-" : char === "=" ? "_" : "~");
}

/** The parts of a signature, in the order `@aws-sdk/cloudfront-signer` writes them. */
export interface SignatureParts {
  readonly Expires?: number;
  readonly Policy?: string;
  readonly "Key-Pair-Id": string;
  readonly Signature: string;
  readonly "Hash-Algorithm"?: "SHA256";
}

/**
 * Signs `toSign.policy` with the caller's key: RSASSA-PKCS1-v1_5 (deterministic, as
 * OpenSSL's `RSA-SHA1`), or ECDSA P-256 DER-encoded as OpenSSL writes it; SHA-1 unless
 * `algorithm` is `SHA256`.
 */
export async function signatureParts(
  credentials: CloudfrontSignerCredentials,
  toSign: PolicyToSign,
): Promise<SignatureParts> {
  const { keyPairId, algorithm = "SHA1" } = credentials;
  if (typeof keyPairId !== "string" || !/^[A-Za-z0-9]+$/.test(keyPairId)) {
    throw new CloudFrontSignerError(
      "keyPairId must be the public key's id, letters and digits (e.g. K2JCJMDEHXQW5F).",
    );
  }
  if (algorithm !== "SHA1" && algorithm !== "SHA256") {
    throw new CloudFrontSignerError('algorithm must be "SHA1" or "SHA256".');
  }
  const hash: HashName = algorithm === "SHA256" ? "SHA-256" : "SHA-1";
  const { key, kind } = await signingKeyOf(credentials.privateKey, hash);
  const data = new TextEncoder().encode(toSign.policy);
  let signature: Uint8Array;
  try {
    signature = kind === "RSA"
      ? new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, data))
      : ecdsaRawToDer(new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash }, key, data)));
  } catch {
    // Some runtimes (Deno) read the key's numbers only when signing; the reason is not
    // shown, as it could quote the key.
    throw new CloudFrontSignerError(`privateKey is not a well-formed ${kind} private key.`);
  }
  return {
    ...(toSign.custom ? { Policy: cloudFrontBase64(toSign.policy) } : { Expires: toSign.expires }),
    "Key-Pair-Id": keyPairId,
    Signature: cloudFrontBase64(signature),
    ...(algorithm === "SHA256" ? { "Hash-Algorithm": "SHA256" as const } : {}),
  };
}

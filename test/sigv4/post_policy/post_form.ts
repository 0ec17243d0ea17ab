/**
 * Test helpers: a signed POST form built from presignPost's answer (or a hand-written policy
 * signed with the reference SigV4 key derivation of `@smithy/signature-v4`), and the
 * options verifyPostPolicy takes for it.
 *
 * @module
 */
import { getSigningKey } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import {
  presignPost,
  type PresignPostOptions,
  type VerifyPostPolicyOptions,
} from "../../../src/sigv4/mod.ts";

/** The key pair every form here is signed with. */
export const CREDENTIALS = {
  accessKeyId: "AKIAPOSTPOLICYTEST01",
  secretAccessKey: "post-secret/KEY+1",
};
/** The signing time of the forms here, and a time when their policies are still valid. */
export const SIGNED_AT = new Date("2026-03-04T05:06:07Z");
export const NOW = new Date("2026-03-04T05:30:00Z");

/** verifyPostPolicy's options for forms of `bucket` signed with {@linkcode CREDENTIALS}. */
export function verifyOptions(bucket = "uploads"): VerifyPostPolicyOptions {
  return {
    secretFor: (id: string) =>
      id === CREDENTIALS.accessKeyId ? CREDENTIALS.secretAccessKey : undefined,
    bucket,
    now: NOW,
  };
}

/** A form of presignPost's fields (in order) followed by `file`. */
export function formOf(fields: Record<string, string>, file: Blob | string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file instanceof Blob) form.append("file", file);
  else form.append("file", file);
  return form;
}

/** presignPost's fields for `options` (bucket `uploads`, eu-west-1, {@linkcode SIGNED_AT}). */
export async function presignedFields(
  options: Partial<PresignPostOptions> & { key: string },
): Promise<Record<string, string>> {
  const { fields } = await presignPost({
    bucket: "uploads",
    credentials: CREDENTIALS,
    region: "eu-west-1",
    date: SIGNED_AT,
    ...options,
  });
  return fields;
}

/**
 * The fields of a form carrying `policy` (any text, base64-encoded here unless `raw`),
 * signed independently of iamfetch: smithy's signing key, WebCrypto's HMAC.
 */
export async function handSignedFields(
  policy: string,
  extra: Record<string, string> = {},
  raw = false,
): Promise<Record<string, string>> {
  const encoded = raw ? policy : btoa(String.fromCharCode(...new TextEncoder().encode(policy)));
  const key = await getSigningKey(Sha256, CREDENTIALS, "20260304", "eu-west-1", "s3");
  const hmac = await crypto.subtle.importKey(
    "raw",
    key as Uint8Array<ArrayBuffer>,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode(encoded)),
  );
  return {
    key: "notes.txt",
    ...extra,
    "x-amz-algorithm": "AWS4-HMAC-SHA256",
    "x-amz-credential": `${CREDENTIALS.accessKeyId}/20260304/eu-west-1/s3/aws4_request`,
    "x-amz-date": "20260304T050607Z",
    policy: encoded,
    "x-amz-signature": [...mac].map((b) => b.toString(16).padStart(2, "0")).join(""),
  };
}

/** A policy document with the signing fields' conditions, the key's and `conditions`. */
export function policyText(conditions: unknown[], expiration = "2026-03-04T06:00:00Z"): string {
  return JSON.stringify({
    expiration,
    conditions: [
      { bucket: "uploads" },
      { key: "notes.txt" },
      { "x-amz-algorithm": "AWS4-HMAC-SHA256" },
      { "x-amz-credential": `${CREDENTIALS.accessKeyId}/20260304/eu-west-1/s3/aws4_request` },
      { "x-amz-date": "20260304T050607Z" },
      ...conditions,
    ],
  });
}

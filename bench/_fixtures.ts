/**
 * What every benchmark signs: the same credentials, date and requests, as plain data each
 * library's input is built from, and the reference signers set up as iamfetch signs.
 *
 * @module
 */
import { SignatureV4a } from "@smithy/signature-v4a";
import { Sha256 } from "@aws-crypto/sha256-js";
import type { AwsV4Signer } from "aws4fetch";

/** Temporary credentials with a session token as long as the ones STS issues. */
export const credentials = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD" + "x".repeat(600),
};
/** The fixed signing time: every library's signing-key cache stays warm. */
export const date = new Date("2024-05-01T12:00:00Z");
/** {@linkcode date} in aws4fetch's `datetime` format. */
export const datetime = "20240501T120000Z";
export const region = "us-east-1";

/** One benchmarked request, as plain data every library's input is built from. */
export interface BenchRequest {
  service: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
}

/** An API Gateway GET with the headers a browser or SDK sends. */
export const smallGet: BenchRequest = {
  service: "execute-api",
  method: "GET",
  url: "https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?limit=10&nextToken=abc%2F123",
  headers: {
    "accept": "application/json",
    "accept-language": "en-US,en;q=0.9",
    "if-none-match": '"686897696a7c876b7e"',
    "x-request-id": "6f1c1f4e-1a2b-4c3d-9e8f-0123456789ab",
    "x-client-version": "app/1.2.3  (build   42)",
  },
};

/** A PUT of `body` to a non-S3 service, so that every library hashes the whole body. */
export function putOf(body: Uint8Array<ArrayBuffer>): BenchRequest {
  return {
    service: "execute-api",
    method: "PUT",
    url: "https://abc123.execute-api.us-east-1.amazonaws.com/prod/blobs/42",
    headers: { "x-idempotency-key": "5d41402abc4b2a76b9719d911017c592" },
    body,
  };
}

/** `size` bytes of a fixed pattern. */
export function patternBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31) & 0xff;
  return bytes;
}

/** An S3 multi-region access point GET, signed with SigV4a. */
export const sigv4aGet: BenchRequest = {
  service: "s3",
  method: "GET",
  url: "https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/photos/cat.jpg?v=1",
  headers: { "accept": "image/jpeg", "x-request-id": "6f1c1f4e-1a2b-4c3d-9e8f" },
};

/** The fields of smithy's `HttpRequest` (or its plain-object input). */
export interface SmithyRequestParts {
  method: string;
  protocol: string;
  hostname: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
}

/**
 * Builds smithy's input for `r` (with `headers` in place of its own): the query split out,
 * the host header added. The URL is parsed once, outside what is timed; each call returns
 * fresh objects, as smithy may change what it is given.
 */
export function smithyRequestOf(
  r: BenchRequest,
  headers: Record<string, string> = r.headers,
): () => SmithyRequestParts {
  const url = new URL(r.url);
  const query = Object.fromEntries(url.searchParams);
  const withHost = { ...headers, host: url.host };
  return () => ({
    method: r.method,
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query: { ...query },
    headers: { ...withHost },
    body: r.body,
  });
}

/** `@smithy/signature-v4a` set up as iamfetch signs S3, with the pure-JS SHA-256. */
export function smithySigV4a(keys: typeof credentials = credentials): SignatureV4a {
  return new SignatureV4a({
    credentials: keys,
    region: "*",
    service: "s3",
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: true,
  });
}

/** The signature at the end of an `Authorization` header. */
export function signatureOf(authorization: string | null | undefined): string | undefined {
  return authorization?.slice(authorization.lastIndexOf("=") + 1);
}

/**
 * aws4fetch's `AwsV4Signer` options for `r`, with a signing-key `cache` shared across
 * signatures as aws4fetch's `AwsClient` shares it.
 */
export function aws4fetchOptionsOf(
  r: BenchRequest,
  cache: Map<string, ArrayBuffer>,
): ConstructorParameters<typeof AwsV4Signer>[0] {
  return {
    url: r.url,
    method: r.method,
    headers: r.headers,
    body: r.body,
    ...credentials,
    service: r.service,
    region,
    datetime,
    cache,
  };
}

import { resolveCredentials } from "./credentials.ts";
import { SigningInputError } from "./errors.ts";
import { headerValue } from "./_canonical/headers.ts";
import { plainHeaderList, type PlainRequest, plainUrlParts } from "./plain_request.ts";
import { sha256Hex, sha256HexOfBody } from "../_shared/hash/sha256.ts";
import { signatureHeaders } from "./_header_signature.ts";
import { signerSettings, type SigV4Signer } from "./signer.ts";
import type { SignOptions } from "./sign_options.ts";

// RFC 9110 token characters: what fetch accepts as a method.
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// fetch uppercases these method names and leaves every other one as given.
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);

/**
 * Signs a request given as plain data with `signer` and returns only the headers to add
 * to it (lowercase names: `authorization`, `x-amz-date`, and `x-amz-security-token` /
 * `x-amz-content-sha256` when they apply) — the signature `signer.sign` makes for a
 * `Request` with the same method, URL, headers and body, without building one. (A
 * `Request` with a text body also gets a `content-type`, which `sign` then signs.)
 * Header names and values are checked as `Headers` checks them; bad ones are a
 * `SigningInputError`. For callers that send requests their own way, and the fastest
 * path in this library. A separate function, so bundles that only `sign` leave it out.
 *
 * @example
 * ```ts
 * import { signHeaders, SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assert } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "eu-west-1",
 *   service: "sqs",
 * });
 * const headers = await signHeaders(signer, {
 *   method: "POST",
 *   url: "https://sqs.eu-west-1.amazonaws.com/",
 *   headers: { "content-type": "application/x-www-form-urlencoded" },
 *   body: "Action=ListQueues&Version=2012-11-05",
 * });
 * assert(headers.authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
 * ```
 */
export async function signHeaders(
  signer: SigV4Signer,
  request: PlainRequest,
  options: SignOptions = {},
): Promise<Record<string, string>> {
  const url = plainUrlParts(request.url);
  const headerList = plainHeaderList(request.headers);
  const method = request.method ?? "GET";
  if (!METHOD.test(method)) {
    throw new SigningInputError(`${JSON.stringify(method)} is not an HTTP method.`);
  }
  const settings = signerSettings(signer);
  const resolved = resolveCredentials(settings.credentials);
  const credentials = resolved instanceof Promise ? await resolved : resolved;
  let bodyHash: string | null = null;
  if (
    request.body != null && !options.unsignedPayload &&
    headerValue(headerList, "x-amz-content-sha256") === null
  ) {
    bodyHash = typeof request.body === "string"
      ? sha256Hex(request.body)
      : await sha256HexOfBody(request.body);
  }
  const upper = method.toUpperCase();
  return Object.fromEntries(signatureHeaders(
    settings,
    credentials,
    NORMALIZED_METHODS.has(upper) ? upper : method,
    url,
    headerList,
    bodyHash,
    options,
  ));
}

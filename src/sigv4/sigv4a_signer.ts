import { type CredentialsInput, resolveCredentials } from "./credentials.ts";
import { SigningInputError } from "./errors.ts";
import { formatAmzDate } from "./amz_date.ts";
import { canonicalPath } from "./canonical_path.ts";
import { canonicalQuery, encodedQueryPairs } from "./canonical_query.ts";
import {
  canonicalHeaders,
  headerValue,
  isSignableHeader,
  readHeaders,
} from "./canonical_headers.ts";
import { checkDeclaredPayloadHash, hashRequestBody, UNSIGNED_PAYLOAD } from "./payload_hash.ts";
import { EMPTY_SHA256 } from "./sha256.ts";
import { checkScopeName } from "./scope_name.ts";
import { requestUrlParts } from "./request_url.ts";
import type { PresignOptions, SignOptions } from "./signer.ts";
import { sigV4aSigningKey } from "./sigv4a_key.ts";
import {
  signSigV4a,
  SIGV4A_ALGORITHM,
  sigV4aCredentialScope,
  sigV4aStringToSign,
} from "./sigv4a_signature.ts";
import { sigV4aPresignedUrl } from "./sigv4a_presigned_url.ts";

/**
 * Options of {@linkcode SigV4aSigner}.
 *
 * @example
 * ```ts
 * import type { SigV4aSignerOptions } from "@iamfetch/iamfetch/sigv4";
 *
 * const options: SigV4aSignerOptions = {
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   service: "s3",
 *   regionSet: ["us-east-1", "eu-west-1"],
 * };
 * ```
 */
export interface SigV4aSignerOptions {
  /** Credentials, or an async provider called before each signature. */
  credentials: CredentialsInput;
  /** The signing name of the service, e.g. `s3`, `execute-api`. */
  service: string;
  /**
   * The regions the signature is valid in, sent as `X-Amz-Region-Set`: region names, or
   * `"*"` for every region. Defaults to `["*"]`.
   */
  regionSet?: readonly string[];
  /**
   * Normalize and double-encode the path (every service but S3). Defaults to
   * `service !== "s3"`.
   */
  uriEscapePath?: boolean;
  /**
   * Send the payload hash in `x-amz-content-sha256`, which S3 requires.
   * Defaults to `service === "s3"`.
   */
  applyChecksum?: boolean;
}

const MAX_EXPIRES_IN = 604800;
const REGION_SET_ENTRY = /^(?:\*|[a-z0-9][a-z0-9-]{0,62})$/;

/**
 * Signs `Request`s with SigV4a (`AWS4-ECDSA-P256-SHA256`), the asymmetric variant of
 * SigV4 that S3 Multi-Region Access Points and global endpoints require: one signature
 * valid in a set of regions. The ECDSA P-256 key is derived from the secret key as AWS
 * specifies, once per access key, and signing runs on WebCrypto. `sign` and `presign`
 * take the same options as {@linkcode SigV4Signer}'s.
 *
 * @example
 * ```ts
 * import { SigV4aSigner } from "@iamfetch/iamfetch/sigv4";
 *
 * const signer = new SigV4aSigner({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   service: "s3",
 * });
 * const signed = await signer.sign(new Request("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key"));
 * console.assert(signed.headers.get("authorization")?.startsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/"));
 * console.assert(signed.headers.get("x-amz-region-set") === "*");
 *
 * const url = await signer.presign(new Request("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key"), { expiresIn: 60 });
 * console.assert(url.searchParams.get("X-Amz-Algorithm") === "AWS4-ECDSA-P256-SHA256");
 * ```
 */
export class SigV4aSigner {
  /** The regions the signatures are valid in, as sent in `X-Amz-Region-Set`. */
  readonly regionSet: readonly string[];
  /** The service signing name. */
  readonly service: string;
  readonly #regionSetValue: string;
  readonly #credentials: CredentialsInput;
  readonly #uriEscapePath: boolean;
  readonly #applyChecksum: boolean;

  /** Creates a signer; throws {@linkcode SigningInputError} for an invalid region set or service. */
  constructor(options: SigV4aSignerOptions) {
    if (options === null || typeof options !== "object") {
      throw new SigningInputError("SigV4aSigner needs options { credentials, service }.");
    }
    this.service = checkScopeName("service", options.service);
    this.regionSet = Object.freeze([...checkRegionSet(options.regionSet ?? ["*"])]);
    this.#regionSetValue = this.regionSet.join(",");
    this.#credentials = options.credentials;
    this.#uriEscapePath = options.uriEscapePath ?? this.service !== "s3";
    this.#applyChecksum = options.applyChecksum ?? this.service === "s3";
  }

  /**
   * Returns a new `Request` carrying `Authorization`, `X-Amz-Date`, `X-Amz-Region-Set`,
   * `X-Amz-Security-Token` (with a session token) and, for S3, `x-amz-content-sha256`.
   * `request` and its body stay usable.
   */
  async sign(request: Request, options: SignOptions = {}): Promise<Request> {
    checkRequest(request);
    const credentials = await resolveCredentials(this.#credentials);
    const { longDate, shortDate } = formatAmzDate(options.date ?? new Date());
    const url = requestUrlParts(request.url);
    const keyPromise = sigV4aSigningKey(credentials.accessKeyId, credentials.secretAccessKey);

    // The headers the signer adds, by name; they replace any the request already has.
    const added = new Map<string, string>([
      ["x-amz-date", longDate],
      ["x-amz-region-set", this.#regionSetValue],
    ]);
    if (credentials.sessionToken) added.set("x-amz-security-token", credentials.sessionToken);
    const headerList = readHeaders(request.headers);
    let payloadHash = headerValue(headerList, "x-amz-content-sha256");
    let bodyBytes: Uint8Array | null = null;
    if (payloadHash !== null) checkDeclaredPayloadHash(payloadHash);
    else {
      if (options.unsignedPayload) {
        payloadHash = UNSIGNED_PAYLOAD;
        added.set("x-amz-content-sha256", payloadHash);
      } else {
        if (request.body === null) payloadHash = EMPTY_SHA256;
        else ({ hash: payloadHash, bytes: bodyBytes } = await hashRequestBody(request));
        if (this.#applyChecksum) added.set("x-amz-content-sha256", payloadHash);
      }
    }
    const include = options.signedHeaders === undefined
      ? isSignableHeader
      : onlyHeaders(options.signedHeaders);
    const { canonical, signedHeaders } = canonicalHeaders(headerList, url.host, include, added);
    const stringToSign = sigV4aStringToSign({
      method: request.method,
      canonicalPath: canonicalPath(url.pathname, this.#uriEscapePath),
      canonicalQuery: canonicalQuery(encodedQueryPairs(url.query)),
      canonicalHeaders: canonical,
      signedHeaders,
      payloadHash,
      longDate,
      shortDate,
      service: this.service,
    });
    const signature = await signSigV4a(await keyPromise, stringToSign);
    added.set(
      "authorization",
      SIGV4A_ALGORITHM + " Credential=" + credentials.accessKeyId + "/" +
        sigV4aCredentialScope(shortDate, this.service) +
        ", SignedHeaders=" + signedHeaders + ", Signature=" + signature,
    );
    return withHeaders(request, added, bodyBytes);
  }

  /**
   * Returns the URL of `request` presigned with `X-Amz-*` query parameters, among them
   * `X-Amz-Region-Set`. Its `x-amz-*` headers move into the query; other signable headers
   * are signed and must be sent with the URL. S3 URLs sign `UNSIGNED-PAYLOAD`.
   * Throws `RangeError` unless `expiresIn` is an integer from 1 to 604800.
   */
  async presign(request: Request, options: PresignOptions = {}): Promise<URL> {
    checkRequest(request);
    const expiresIn = options.expiresIn ?? 900;
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
      throw new RangeError(
        `expiresIn must be an integer number of seconds from 1 to ${MAX_EXPIRES_IN} (7 days), got ${
          String(expiresIn)
        }.`,
      );
    }
    const credentials = await resolveCredentials(this.#credentials);
    const { longDate, shortDate } = formatAmzDate(options.date ?? new Date());
    let payloadHash = request.headers.get("x-amz-content-sha256");
    if (payloadHash !== null) checkDeclaredPayloadHash(payloadHash);
    else {
      payloadHash = this.service === "s3"
        ? UNSIGNED_PAYLOAD
        : (await hashRequestBody(request)).hash;
    }
    return sigV4aPresignedUrl({
      request,
      credentials,
      longDate,
      shortDate,
      expiresIn,
      payloadHash,
      regionSet: this.#regionSetValue,
      service: this.service,
      uriEscapePath: this.#uriEscapePath,
    });
  }
}

function checkRegionSet(regionSet: unknown): readonly string[] {
  if (
    !Array.isArray(regionSet) || regionSet.length === 0 ||
    !regionSet.every((entry) => typeof entry === "string" && REGION_SET_ENTRY.test(entry))
  ) {
    throw new SigningInputError(
      'regionSet must be a non-empty list of AWS region names (e.g. ["us-east-1", "eu-west-1"]) or ["*"].',
    );
  }
  return regionSet;
}

// The three helpers below repeat SigV4Signer's private ones (signer.ts), which this
// file may not import; the rules they apply are the same for both algorithms.
function checkRequest(request: Request): void {
  if (!(request instanceof Request)) {
    throw new SigningInputError("Expected a Request; wrap a URL as new Request(url, init).");
  }
  if (request.mode === "no-cors") {
    throw new SigningInputError(
      'A no-cors request cannot carry an Authorization header; use mode "cors".',
    );
  }
  if (request.bodyUsed) {
    throw new SigningInputError(
      "The request body was already read; sign the request before consuming its body.",
    );
  }
}

function onlyHeaders(names: Iterable<string>): (name: string) => boolean {
  const chosen = new Set(Array.from(names, (name) => name.toLowerCase()));
  return (name) => chosen.has(name) || name.startsWith("x-amz-");
}

function withHeaders(
  request: Request,
  added: Map<string, string>,
  bodyBytes: Uint8Array | null,
): Request {
  let signed: Request;
  if (request.body === null) signed = new Request(request);
  else if (bodyBytes !== null) {
    signed = new Request(request, { body: bodyBytes as Uint8Array<ArrayBuffer> });
  } else signed = request.clone();
  for (const [name, value] of added) signed.headers.set(name, value);
  return signed;
}

import { type CredentialsInput, resolveCredentials } from "../credentials.ts";
import { SigningInputError } from "../errors.ts";
import { formatAmzDate } from "../amz_date.ts";
import { checkScopeName } from "../scope_name.ts";
import { presignedQuery } from "../_presigned_query.ts";
import { requestUrlParts } from "../_canonical/request_url.ts";
import type { PresignOptions, SignOptions } from "../sign_options.ts";
import { signingParts } from "../_header_signature.ts";
import {
  checkExpiresIn,
  checkRequest,
  presignPayloadHash,
  readRequestToSign,
  withHeaders,
} from "../_request_to_sign.ts";
import { sigV4aSigningKey } from "./key.ts";
import {
  signSigV4a,
  SIGV4A_ALGORITHM,
  sigV4aCredentialScope,
  sigV4aStringToSign,
} from "./signature.ts";
import { uriEncode } from "../../_shared/uri_encode.ts";

/**
 * Options of {@linkcode SigV4aSigner}.
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
 * import { assert, assertEquals } from "@std/assert";
 *
 * const signer = new SigV4aSigner({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   service: "s3",
 * });
 * const signed = await signer.sign(new Request("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key"));
 * assert(signed.headers.get("authorization")?.startsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE/"));
 * assertEquals(signed.headers.get("x-amz-region-set"), "*");
 *
 * const url = await signer.presign(new Request("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key"), { expiresIn: 60 });
 * assertEquals(url.searchParams.get("X-Amz-Algorithm"), "AWS4-ECDSA-P256-SHA256");
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
    const keyPromise = sigV4aSigningKey(credentials.accessKeyId, credentials.secretAccessKey);
    const { headerList, bodyHash, bodyBytes } = await readRequestToSign(
      request,
      options.unsignedPayload,
    );
    const { added, canonical, longDate, shortDate } = signingParts(
      { uriEscapePath: this.#uriEscapePath, applyChecksum: this.#applyChecksum },
      credentials,
      request.method,
      requestUrlParts(request.url),
      headerList,
      bodyHash,
      options,
      ["x-amz-region-set", this.#regionSetValue],
    );
    const stringToSign = sigV4aStringToSign({
      ...canonical,
      longDate,
      shortDate,
      service: this.service,
    });
    const signature = await signSigV4a(await keyPromise, stringToSign);
    added.set(
      "authorization",
      SIGV4A_ALGORITHM + " Credential=" + credentials.accessKeyId + "/" +
        sigV4aCredentialScope(shortDate, this.service) +
        ", SignedHeaders=" + canonical.signedHeaders + ", Signature=" + signature,
    );
    return withHeaders(request, added, bodyBytes);
  }

  /**
   * Returns the URL of `request` presigned with `X-Amz-*` query parameters, among them
   * `X-Amz-Region-Set` (as aws-c-auth presigns SigV4a). Its `x-amz-*` headers move into
   * the query; other signable headers are signed and must be sent with the URL. S3 URLs
   * sign `UNSIGNED-PAYLOAD`. Throws `RangeError` unless `expiresIn` is an integer from 1
   * to 604800.
   */
  async presign(request: Request, options: PresignOptions = {}): Promise<URL> {
    checkRequest(request);
    const expiresIn = checkExpiresIn(options.expiresIn);
    const credentials = await resolveCredentials(this.#credentials);
    const keyPromise = sigV4aSigningKey(credentials.accessKeyId, credentials.secretAccessKey);
    const { longDate, shortDate } = formatAmzDate(options.date ?? new Date());
    const presigned = presignedQuery({
      request,
      credentials,
      longDate,
      expiresIn,
      payloadHash: await presignPayloadHash(request, this.service),
      uriEscapePath: this.#uriEscapePath,
      algorithm: SIGV4A_ALGORITHM,
      scope: sigV4aCredentialScope(shortDate, this.service),
      extra: ["X-Amz-Region-Set", uriEncode(this.#regionSetValue)],
    });
    const stringToSign = sigV4aStringToSign({
      ...presigned.parts,
      longDate,
      shortDate,
      service: this.service,
    });
    return presigned.complete(await signSigV4a(await keyPromise, stringToSign));
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

import type { PresignOptions, SignOptions } from "./sign_options.ts";
import { type CredentialsInput, resolveCredentials } from "./credentials.ts";
import { SigningInputError } from "./errors.ts";
import { formatAmzDate } from "./amz_date.ts";
import { checkScopeName } from "./scope_name.ts";
import { presignedQuery } from "./_presigned_query.ts";
import { requestUrlParts } from "./_canonical/request_url.ts";
import { ALGORITHM, computeSignature, credentialScope } from "./signature.ts";
import { signatureHeaders, type SigningScope } from "./_header_signature.ts";
import {
  checkExpiresIn,
  checkRequest,
  presignPayloadHash,
  readRequestToSign,
  withHeaders,
} from "./_request_to_sign.ts";

/**
 * Options of {@linkcode SigV4Signer}.
 */
export interface SigV4SignerOptions {
  /** Credentials, or an async provider called before each signature. */
  credentials: CredentialsInput;
  /** The AWS region of the credential scope, e.g. `us-east-1`. */
  region: string;
  /** The signing name of the service, e.g. `execute-api`, `s3`, `rds-db`. */
  service: string;
  /**
   * Normalize and double-encode the path (every service but S3). Defaults to
   * `service !== "s3"`; set `false` for S3-compatible services signed under another name.
   */
  uriEscapePath?: boolean;
  /**
   * Send the payload hash in `x-amz-content-sha256`, which S3 requires.
   * Defaults to `service === "s3"`.
   */
  applyChecksum?: boolean;
}

/** What a {@linkcode SigV4Signer} signs with: its scope, rules and credentials. */
export interface SignerSettings extends SigningScope {
  credentials: CredentialsInput;
}

/** The private settings of a {@linkcode SigV4Signer}; for this layer's streaming and plain-data signing only. */
export let signerSettings: (signer: SigV4Signer) => SignerSettings;

/**
 * Signs `Request`s with AWS Signature Version 4, in the `Authorization` header or as a
 * presigned URL. For `service: "s3"` it follows S3's rules (single path encoding,
 * `x-amz-content-sha256`, `UNSIGNED-PAYLOAD` for presigned URLs).
 *
 * @example
 * ```ts
 * import { SigV4Signer } from "@iamfetch/iamfetch/sigv4";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const signer = new SigV4Signer({
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   region: "us-east-1",
 *   service: "execute-api",
 * });
 * const signed = await signer.sign(new Request("https://abc123.execute-api.us-east-1.amazonaws.com/prod/items?limit=10"));
 * assert(signed.headers.get("authorization")?.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
 *
 * const url = await signer.presign(new Request("https://abc123.execute-api.us-east-1.amazonaws.com/prod/items"), { expiresIn: 60 });
 * assertEquals(url.searchParams.get("X-Amz-Expires"), "60");
 * ```
 */
export class SigV4Signer {
  // Lets signStreaming (streaming_signer.ts) and signHeaders sign with this signer's settings.
  static {
    signerSettings = (signer) => signer.#settings;
  }
  /** The region of the credential scope. */
  readonly region: string;
  /** The service signing name. */
  readonly service: string;
  readonly #settings: SignerSettings;

  /** Creates a signer; throws {@linkcode SigningInputError} for an invalid region or service. */
  constructor(options: SigV4SignerOptions) {
    if (options === null || typeof options !== "object") {
      throw new SigningInputError(
        "SigV4Signer needs options { credentials, region, service }.",
      );
    }
    const region = this.region = checkScopeName("region", options.region);
    const service = this.service = checkScopeName("service", options.service);
    this.#settings = {
      region,
      service,
      credentials: options.credentials,
      uriEscapePath: options.uriEscapePath ?? service !== "s3",
      applyChecksum: options.applyChecksum ?? service === "s3",
    };
  }

  /**
   * Returns a new `Request` carrying `Authorization`, `X-Amz-Date`, `X-Amz-Security-Token`
   * (with a session token) and, for S3, `x-amz-content-sha256`. `request` and its body
   * stay usable. A hashed body is buffered into the new request, so it can be re-sent.
   */
  async sign(request: Request, options: SignOptions = {}): Promise<Request> {
    checkRequest(request);
    const settings = this.#settings;
    const resolved = resolveCredentials(settings.credentials);
    const credentials = resolved instanceof Promise ? await resolved : resolved;
    const { headerList, bodyHash, bodyBytes } = await readRequestToSign(
      request,
      options.unsignedPayload,
    );
    const added = signatureHeaders(
      settings,
      credentials,
      request.method,
      requestUrlParts(request.url),
      headerList,
      bodyHash,
      options,
    );
    return withHeaders(request, added, bodyBytes);
  }

  /**
   * Returns the URL of `request` presigned with `X-Amz-*` query parameters. Its
   * `x-amz-*` headers move into the query (as the AWS SDK does); other signable headers
   * are signed and must be sent with the URL. S3 URLs sign `UNSIGNED-PAYLOAD`.
   * Throws `RangeError` unless `expiresIn` is an integer from 1 to 604800.
   */
  async presign(request: Request, options: PresignOptions = {}): Promise<URL> {
    checkRequest(request);
    const { region, service, uriEscapePath } = this.#settings;
    const expiresIn = checkExpiresIn(options.expiresIn);
    const credentials = await resolveCredentials(this.#settings.credentials);
    const { longDate, shortDate } = formatAmzDate(options.date ?? new Date());
    const presigned = presignedQuery({
      request,
      credentials,
      longDate,
      expiresIn,
      payloadHash: await presignPayloadHash(request, service),
      uriEscapePath,
      algorithm: ALGORITHM,
      scope: credentialScope(shortDate, region, service),
    });
    return presigned.complete(computeSignature({
      ...presigned.parts,
      longDate,
      shortDate,
      region,
      service,
      secretAccessKey: credentials.secretAccessKey,
    }));
  }
}

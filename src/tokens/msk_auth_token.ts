import { type CredentialsInput, resolveCredentials } from "../sigv4/credentials.ts";
import { SigningInputError } from "../sigv4/errors.ts";
import { SigV4Signer } from "../sigv4/signer.ts";
import { uriEncode } from "../_shared/uri_encode.ts";
import { base64Url } from "../_shared/bytes/base64.ts";

/**
 * Options of {@linkcode mskAuthToken}.
 */
export interface MskAuthTokenOptions {
  /** The region of the MSK cluster. */
  region: string;
  /** Credentials, or a provider called once for this token. */
  credentials: CredentialsInput;
  /**
   * The host signed into the token. Default `kafka.<region>.amazonaws.com`, as the MSK
   * signers for JavaScript, Python and Go use; MSK accepts it for every broker.
   */
  brokerHost?: string;
  /** The signing time; defaults to now. */
  date?: Date;
}

/**
 * An MSK IAM OAUTHBEARER token and when it expires, shaped like the result of
 * `aws-msk-iam-sasl-signer-js`'s `generateAuthToken`.
 */
export interface MskAuthTokenResult {
  /** The base64url (unpadded) presigned URL: the OAUTHBEARER token value. */
  token: string;
  /** When the token expires, in milliseconds since the Unix epoch. */
  expiryTime: number;
}

// aws-msk-iam-sasl-signer-js 1.0.3 (src/constants.ts, src/version.ts): the MSK broker checks
// the signature, not the agent string, so the library's own agent is kept for identical tokens.
const USER_AGENT = "aws-msk-iam-sasl-signer-js/1.0.3";
const MAX_EXPIRES_IN = 900;
const HOST = /^[A-Za-z0-9.-]+$/;

/**
 * The Amazon MSK IAM token for SASL/OAUTHBEARER: the presigned
 * `GET https://<host>/?Action=kafka-cluster:Connect` (service `kafka-cluster`, 900 s or until the
 * credentials expire) with a `User-Agent` query parameter, base64url-encoded — byte for byte
 * what `aws-msk-iam-sasl-signer-js` generates. Give `token` to the Kafka client's
 * `oauthBearerProvider`.
 *
 * @example
 * ```ts
 * import { mskAuthToken } from "@iamfetch/iamfetch/tokens";
 * import { assertEquals } from "@std/assert";
 *
 * const { token, expiryTime } = await mskAuthToken({
 *   region: "us-east-1",
 *   credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
 *   date: new Date("2024-01-01T00:00:00Z"),
 * });
 * const url = new URL(atob(token.replaceAll("-", "+").replaceAll("_", "/")));
 * assertEquals(url.host, "kafka.us-east-1.amazonaws.com");
 * assertEquals(url.searchParams.get("Action"), "kafka-cluster:Connect");
 * assertEquals(expiryTime, Date.UTC(2024, 0, 1, 0, 15));
 * ```
 */
export async function mskAuthToken(
  options: MskAuthTokenOptions,
): Promise<MskAuthTokenResult> {
  const credentials = await resolveCredentials(options.credentials);
  const signer = new SigV4Signer({ credentials, region: options.region, service: "kafka-cluster" });
  const host = options.brokerHost ?? `kafka.${options.region}.amazonaws.com`;
  if (typeof host !== "string" || !HOST.test(host)) {
    throw new SigningInputError(
      "brokerHost must be a host name such as b-1.mycluster.kafka.us-east-1.amazonaws.com, without a port.",
    );
  }
  const date = options.date ?? new Date();
  // As the signer: no longer than the credentials last (whole seconds here, where the
  // JavaScript signer would put a fractional X-Amz-Expires).
  const expiresIn = credentials.expiration === undefined ? MAX_EXPIRES_IN : Math.max(
    1,
    Math.min(
      MAX_EXPIRES_IN,
      Math.floor((credentials.expiration.getTime() - date.getTime()) / 1000),
    ),
  );
  const presigned = await signer.presign(
    new Request(`https://${host}/?Action=kafka-cluster%3AConnect`),
    { date, expiresIn },
  );
  // The signer formats the URL with its query keys sorted and RFC 3986-encoded
  // (@smithy's buildQueryString), User-Agent among them.
  const params: [string, string][] = [...presigned.searchParams];
  params.push(["User-Agent", USER_AGENT]);
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const url = `https://${host.toLowerCase()}/?` +
    params.map(([key, value]) => uriEncode(key) + "=" + uriEncode(value)).join("&");
  const signedAt = Math.floor(date.getTime() / 1000) * 1000;
  return { token: base64Url(url), expiryTime: signedAt + expiresIn * 1000 };
}

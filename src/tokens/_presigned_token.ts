import { type CredentialsInput, resolveCredentials } from "../sigv4/credentials.ts";
import { formatAmzDate } from "../sigv4/amz_date.ts";
import { ALGORITHM, computeSignature } from "../sigv4/signature.ts";
import { EMPTY_SHA256 } from "../_shared/hash/sha256.ts";
import { uriEncode } from "../_shared/uri_encode.ts";

/** What {@linkcode presignedToken} signs. */
export interface PresignedTokenInput {
  /** `hostname[:port]`, lowercase; signed as the `host` header and the token's prefix. */
  host: string;
  /**
   * The query before signing: RFC 3986-encoded pairs sorted by name, every name sorting
   * before `X-Amz-`, e.g. `Action=connect&DBUser=app`.
   */
  query: string;
  /** The signing name, `[a-z0-9-]`. */
  service: string;
  /** The region, already checked as `[a-z0-9-]`. */
  region: string;
  credentials: CredentialsInput;
  date?: Date;
  expiresIn: number;
}

// A client presigns token after token with the same session token, which is long (hundreds
// of characters): encoding it once instead of per token is a measurable share of the cost.
let lastToken = "";
let lastEncodedToken = "";

function encodedToken(sessionToken: string): string {
  if (sessionToken !== lastToken) {
    lastEncodedToken = uriEncode(sessionToken);
    lastToken = sessionToken;
  }
  return lastEncodedToken;
}

/**
 * `GET https://<host>/?<query>` presigned with SigV4 (only `host` signed, empty payload),
 * without its scheme and with its parameters sorted by name as the AWS SDK's `formatUrl`
 * writes them: byte-identical to `@aws-sdk/rds-signer` and `@aws-sdk/dsql-signer`.
 *
 * The request is fixed, so its canonical form is written out directly instead of going
 * through `Request`, `URL` and `SigV4Signer.presign`: the same algorithm (the sigv4 layer's
 * `computeSignature`) at a fraction of the cost, checked against both SDKs and against
 * `verifySignature` in the tests.
 */
export async function presignedToken(input: PresignedTokenInput): Promise<string> {
  const resolved = resolveCredentials(input.credentials);
  const credentials = resolved instanceof Promise ? await resolved : resolved;
  const { longDate, shortDate } = formatAmzDate(input.date ?? new Date());
  const scope = shortDate + "%2F" + input.region + "%2F" + input.service + "%2Faws4_request";
  // Sorted by name: the canonical query and, with the signature spliced in, the token's.
  let query = input.query +
    "&X-Amz-Algorithm=" + ALGORITHM +
    "&X-Amz-Credential=" + uriEncode(credentials.accessKeyId) + "%2F" + scope +
    "&X-Amz-Date=" + longDate +
    "&X-Amz-Expires=" + input.expiresIn;
  if (credentials.sessionToken) {
    query += "&X-Amz-Security-Token=" + encodedToken(credentials.sessionToken);
  }
  const signature = computeSignature({
    method: "GET",
    canonicalPath: "/",
    canonicalQuery: query + "&X-Amz-SignedHeaders=host",
    canonicalHeaders: "host:" + input.host + "\n",
    signedHeaders: "host",
    payloadHash: EMPTY_SHA256,
    longDate,
    shortDate,
    region: input.region,
    service: input.service,
    secretAccessKey: credentials.secretAccessKey,
  });
  return input.host + "/?" + query + "&X-Amz-Signature=" + signature +
    "&X-Amz-SignedHeaders=host";
}

import { signingHmac } from "./_signing_key.ts";
import { sha256Hex } from "../_shared/hash/sha256.ts";

/** The SigV4 algorithm name, first line of the string to sign. */
export const ALGORITHM = "AWS4-HMAC-SHA256";

/** The canonical parts of a request, as SigV4 and SigV4a both sign them. */
export interface CanonicalRequestParts {
  method: string;
  canonicalPath: string;
  canonicalQuery: string;
  canonicalHeaders: string;
  signedHeaders: string;
  payloadHash: string;
}

/** The canonical request: its six parts, one per line. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return parts.method + "\n" + parts.canonicalPath + "\n" + parts.canonicalQuery + "\n" +
    parts.canonicalHeaders + "\n" + parts.signedHeaders + "\n" + parts.payloadHash;
}

/** Everything the signature is computed from, already canonical. */
export interface SignatureInput extends CanonicalRequestParts {
  longDate: string;
  shortDate: string;
  region: string;
  service: string;
  secretAccessKey: string;
}

/** The credential scope `date/region/service/aws4_request`. */
export function credentialScope(
  shortDate: string,
  region: string,
  service: string,
): string {
  return shortDate + "/" + region + "/" + service + "/aws4_request";
}

/**
 * Computes the hex signature: canonical request → string to sign → HMAC with the
 * derived key. The whole algorithm, top to bottom, as AWS's SigV4 documentation lays it out.
 */
export function computeSignature(input: SignatureInput): string {
  const stringToSign = ALGORITHM + "\n" +
    input.longDate + "\n" +
    credentialScope(input.shortDate, input.region, input.service) + "\n" +
    sha256Hex(canonicalRequest(input));
  const hmac = signingHmac(
    input.secretAccessKey,
    input.shortDate,
    input.region,
    input.service,
  );
  return hmac.hex(stringToSign);
}

import { formatAmzDate } from "../amz_date.ts";
import {
  canonicalHeaders,
  type HeaderList,
  headerValue,
  isSignableHeader,
} from "../_canonical/headers.ts";
import { canonicalPath } from "../_canonical/path.ts";
import { canonicalQuery, encodedQueryPairs } from "../_canonical/query.ts";
import { checkDeclaredPayloadHash } from "../_canonical/payload_hash.ts";
import type { RequestUrlParts } from "../_canonical/request_url.ts";
import { EMPTY_SHA256 } from "../../_shared/hash/sha256.ts";
import { canonicalRequest, credentialScope } from "../signature.ts";
import { x509StringToSign } from "./_signature.ts";

/** The request and certificate facts an X.509 signature covers. */
export interface X509LayoutInput {
  method: string;
  url: RequestUrlParts;
  headerList: HeaderList;
  /** The body's hash, or `null` when there is no body or it declares `x-amz-content-sha256`. */
  bodyHash: string | null;
  /** `AWS4-X509-RSA-SHA256` or `AWS4-X509-ECDSA-SHA256`. */
  algorithm: string;
  /** The decimal serial number of the end-entity certificate. */
  serialNumber: string;
  /** `X-Amz-X509`: base64 DER of the end-entity certificate. */
  x509: string;
  /** `X-Amz-X509-Chain`: comma-separated base64 DER of the intermediates, if any. */
  x509Chain?: string;
  region: string;
  service: string;
  date: Date;
}

/** A request laid out for an X.509 signature: the headers to add and what gets signed. */
export interface X509Layout {
  /** `x-amz-date`, `x-amz-x509` and `x-amz-x509-chain`, by lowercase name. */
  added: Map<string, string>;
  /** The canonical request, SigV4's six lines. */
  canonicalRequest: string;
  /** The string to sign. */
  stringToSign: string;
  /** The `SignedHeaders` list. */
  signedHeaders: string;
  /** The `Credential` value: `<serial>/<date>/<region>/<service>/aws4_request`. */
  credential: string;
}

/**
 * Lays out an X.509 signature with SigV4's own canonicalization (path normalized and
 * double-encoded, sorted query, signable headers, payload hash), the three headers it adds
 * being signed too, as the "Signing process for IAM Roles Anywhere" and AWS's credential
 * helper do.
 */
export function x509Layout(input: X509LayoutInput): X509Layout {
  const { longDate, shortDate } = formatAmzDate(input.date);
  const added = new Map([["x-amz-date", longDate], ["x-amz-x509", input.x509]]);
  if (input.x509Chain !== undefined) added.set("x-amz-x509-chain", input.x509Chain);
  const declared = headerValue(input.headerList, "x-amz-content-sha256");
  const payloadHash = declared !== null
    ? checkDeclaredPayloadHash(declared)
    : input.bodyHash ?? EMPTY_SHA256;
  const headers = canonicalHeaders(input.headerList, input.url.host, isSignableHeader, added);
  const parts = {
    method: input.method,
    canonicalPath: canonicalPath(input.url.pathname, true),
    canonicalQuery: canonicalQuery(encodedQueryPairs(input.url.query)),
    canonicalHeaders: headers.canonical,
    signedHeaders: headers.signedHeaders,
    payloadHash,
  };
  return {
    added,
    canonicalRequest: canonicalRequest(parts),
    stringToSign: x509StringToSign({
      ...parts,
      algorithm: input.algorithm,
      longDate,
      shortDate,
      region: input.region,
      service: input.service,
    }),
    signedHeaders: headers.signedHeaders,
    credential: input.serialNumber + "/" +
      credentialScope(shortDate, input.region, input.service),
  };
}

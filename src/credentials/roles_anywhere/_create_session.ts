import { readAnswerText } from "../../http/read_answer_text.ts";
import { parseJsonObject } from "../../_shared/json_object.ts";
import { sendAwsRequest } from "../../http/send_aws_request.ts";
import { checkCredentials, type Credentials } from "../../sigv4/credentials.ts";
import type { X509Signer } from "../../sigv4/x509/signer.ts";
import { CredentialsProviderError } from "../errors.ts";
import { toSafeCredentials } from "../redacted_credentials.ts";

/** The parameters of a CreateSession call. */
export interface CreateSessionParams {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  durationSeconds?: number;
  roleSessionName?: string;
}

/** Where and how CreateSession is sent. */
export interface CreateSessionTransport {
  /** Resolves the service endpoint (see `endpointResolver`). */
  endpoint: () => Promise<URL>;
  /** Signs the call with the certificate's key. */
  signer: X509Signer;
  /** The fetch to use. */
  fetch?: typeof fetch;
}

const WHAT = "IAM Roles Anywhere CreateSession";

function malformed(detail: string): CredentialsProviderError {
  return new CredentialsProviderError(`${WHAT} answered ${detail}.`, { tryNextLink: false });
}

/**
 * Calls IAM Roles Anywhere's `CreateSession` (`POST /sessions`, REST-JSON) and returns the
 * first credentials of its `credentialSet`. The parameters go in the JSON body, as the API
 * reference's request syntax shows (the service takes the three ARNs in the query too, where
 * AWS's Go helper puts them). The certificate and key are checked first (an expired
 * certificate or a key that is not its own never reaches the network); then the call goes
 * through `sendAwsRequest` (retries, timeouts, `AwsError` from the service's
 * `x-amzn-ErrorType`), each attempt signed afresh with the X.509 signer. The clock-skew
 * correction of SigV4 calls does not apply: `sendAwsRequest` re-signs only with a
 * `SigV4Signer`.
 */
export async function createSession(
  params: CreateSessionParams,
  transport: CreateSessionTransport,
): Promise<Credentials> {
  const { signer } = transport;
  await signer.check();
  // Members in the order of the API reference's request syntax.
  const body = JSON.stringify({
    durationSeconds: params.durationSeconds,
    profileArn: params.profileArn,
    roleArn: params.roleArn,
    trustAnchorArn: params.trustAnchorArn,
    roleSessionName: params.roleSessionName,
  });
  const endpoint = (await transport.endpoint()).href.replace(/\/+$/, "");
  const request = new Request(`${endpoint}/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  // The signer goes to sendAwsRequest, which re-signs each attempt and corrects clock skew.
  const response = await sendAwsRequest(request, { signer, fetch: transport.fetch });
  const { text } = await readAnswerText(response, 64 * 1024, WHAT);
  const answer = parseJsonObject(text);
  if (answer === undefined) throw malformed("with no JSON object");
  const set = answer.credentialSet;
  const first = Array.isArray(set) ? set[0] as Record<string, unknown> | undefined : undefined;
  const credentials = first?.credentials;
  if (credentials === null || typeof credentials !== "object") {
    throw malformed("without credentials (credentialSet[0].credentials)");
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials as Record<
    string,
    unknown
  >;
  if (typeof expiration !== "string" || Number.isNaN(Date.parse(expiration))) {
    throw malformed("without a valid expiration");
  }
  return toSafeCredentials(checkCredentials({
    accessKeyId,
    secretAccessKey,
    sessionToken,
    expiration: new Date(expiration),
  }));
}

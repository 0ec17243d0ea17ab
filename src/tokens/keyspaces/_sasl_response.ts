import { type CredentialsInput, resolveCredentials } from "../../sigv4/credentials.ts";
import { computeSignature } from "../../sigv4/signature.ts";
import { sha256Hex } from "../../_shared/hash/sha256.ts";
import { uriEncode } from "../../_shared/uri_encode.ts";
import { checkScopeName } from "../../sigv4/scope_name.ts";
import { SigningInputError } from "../../sigv4/errors.ts";
import { KeyspacesChallengeError } from "./errors.ts";

/** Options of {@linkcode keyspacesSaslResponse}. */
export interface KeyspacesSaslResponseOptions {
  /** The server's AUTH_CHALLENGE token, `nonce=<nonce>[,…]`. */
  challenge: Uint8Array;
  /** Credentials, or a provider called once for this response. */
  credentials: CredentialsInput;
  /** The region of the Keyspaces endpoint, e.g. `us-east-2` for `cassandra.us-east-2.amazonaws.com`. */
  region: string;
  /** The signing time; defaults to now. */
  date?: Date;
}

/** The first SASL token of the exchange: asks Keyspaces for the SigV4 mechanism. */
export const KEYSPACES_SASL_INITIAL_RESPONSE: Uint8Array = new TextEncoder().encode("SigV4\0\0");

// The plugin's canonical request signs a fixed `PUT /authenticate` with host `cassandra`,
// the SHA-256 of the nonce in place of the payload hash and a 900 s expiry
// (aws-sigv4-auth-cassandra-plugin, lib/sigv4-auth-signature.js).
const SERVICE = "cassandra";

/**
 * The answer to an Amazon Keyspaces SigV4 challenge,
 * `signature=<hex>,access_key=<id>,amzdate=<ISO time>[,session_token=<token>]`, as UTF-8
 * bytes: the same bytes `aws-sigv4-auth-cassandra-plugin` sends for the same nonce and time.
 * Throws {@linkcode KeyspacesChallengeError} when the challenge has no nonce.
 */
export async function keyspacesSaslResponse(
  options: KeyspacesSaslResponseOptions,
): Promise<Uint8Array> {
  const region = checkScopeName("region", options.region);
  const nonce = challengeNonce(options.challenge);
  const date = options.date ?? new Date();
  if (!(date instanceof Date) || !Number.isFinite(date.getTime())) {
    throw new SigningInputError("date must be a valid Date.");
  }
  const credentials = await resolveCredentials(options.credentials);
  // Keyspaces takes the ISO form with milliseconds, not SigV4's compact `YYYYMMDDTHHMMSSZ`.
  const isoDate = date.toISOString();
  const shortDate = isoDate.slice(0, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
  const scope = shortDate + "/" + region + "/" + SERVICE + "/aws4_request";
  const signature = computeSignature({
    method: "PUT",
    canonicalPath: "/authenticate",
    canonicalQuery: "X-Amz-Algorithm=AWS4-HMAC-SHA256" +
      "&X-Amz-Credential=" + uriEncode(credentials.accessKeyId) + "%2F" + uriEncode(scope) +
      "&X-Amz-Date=" + uriEncode(isoDate) +
      "&X-Amz-Expires=900",
    canonicalHeaders: "host:" + SERVICE + "\n",
    signedHeaders: "host",
    payloadHash: sha256Hex(nonce),
    longDate: isoDate,
    shortDate,
    region,
    service: SERVICE,
    secretAccessKey: credentials.secretAccessKey,
  });
  let answer = "signature=" + signature + ",access_key=" + credentials.accessKeyId +
    ",amzdate=" + isoDate;
  if (credentials.sessionToken) answer += ",session_token=" + credentials.sessionToken;
  return new TextEncoder().encode(answer);
}

// The nonce runs from `nonce=` to the next comma or the end, as the plugins parse it.
function challengeNonce(challenge: Uint8Array): string {
  if (!(challenge instanceof Uint8Array)) {
    throw new SigningInputError("challenge must be the server's token as a Uint8Array.");
  }
  const text = new TextDecoder().decode(challenge);
  const start = text.indexOf("nonce=");
  const nonce = start < 0 ? "" : text.slice(start + 6).split(",")[0];
  if (nonce === "") {
    throw new KeyspacesChallengeError(
      `The Keyspaces SigV4 challenge (${challenge.length} bytes) has no "nonce=": is this an Amazon Keyspaces endpoint?`,
    );
  }
  return nonce;
}

import { chunkStringToSign, trailerStringToSign } from "./format.ts";
import { timingSafeEqual } from "../../_shared/constant_time.ts";
import type { KeyedHmac } from "../../_shared/hash/sha256.ts";
import { credentialScope } from "../signature.ts";
import { signingHmac } from "../_signing_key.ts";
import { AwsChunkedBodyError } from "./errors.ts";

/**
 * What the chunk signatures of a signed aws-chunked body chain from: the seed signature
 * of the request (already verified) and what signed it.
 */
export interface ChunkSeed {
  /** The request's (seed) signature, 64 hex characters. */
  signature: string;
  /** The secret access key of the key that signed the request. */
  secretAccessKey: string;
  /** The request's `X-Amz-Date`, `YYYYMMDDTHHMMSSZ`. */
  longDate: string;
  /** The region of the credential scope. */
  region: string;
  /** The service of the credential scope. */
  service: string;
}

/**
 * The chain of signatures of a signed aws-chunked body: each chunk's signature covers
 * its data and the signature before it, starting from the seed; the trailer's closes it.
 */
export class SignatureChain {
  #previous: string;
  readonly #hmac: KeyedHmac;
  readonly #longDate: string;
  readonly #scope: string;

  /** Starts the chain at the seed signature. */
  constructor(seed: ChunkSeed) {
    const shortDate = seed.longDate.slice(0, 8);
    this.#previous = seed.signature;
    this.#hmac = signingHmac(seed.secretAccessKey, shortDate, seed.region, seed.service);
    this.#longDate = seed.longDate;
    this.#scope = credentialScope(shortDate, seed.region, seed.service);
  }

  /** Checks `given`, the signature of a chunk whose data has SHA-256 `hash`, and moves on. */
  checkChunk(hash: string, given: string): void {
    this.#check(
      chunkStringToSign(this.#longDate, this.#scope, this.#previous, hash),
      given,
      "chunk",
    );
  }

  /** Checks `given`, the signature of the trailer whose canonical form has SHA-256 `hash`. */
  checkTrailer(hash: string, given: string): void {
    this.#check(
      trailerStringToSign(this.#longDate, this.#scope, this.#previous, hash),
      given,
      "trailer",
    );
  }

  #check(stringToSign: string, given: string, what: string): void {
    if (!timingSafeEqual(this.#hmac.hex(stringToSign), given)) {
      throw new AwsChunkedBodyError(
        "SignatureDoesNotMatch",
        `A ${what} signature does not match; the body was altered or signed with another key.`,
      );
    }
    this.#previous = given;
  }
}

import { hmacSha256, type KeyedHmac, keyedHmacSha256, utf8 } from "../_shared/hash/sha256.ts";

// The signing key changes only with the day, region and service, so one derivation
// (four HMACs) serves every request of a client that day. Bounded like the AWS SDK's
// cache (50 entries); the oldest entry goes first.
const MAX_CACHED_KEYS = 50;
const cache = new Map<string, KeyedHmac>();
// The key used last, checked before the map: a client signs with one key all day, and
// comparing four strings is cheaper than hashing a concatenated map key.
let last = {
  secretAccessKey: "",
  shortDate: "",
  region: "",
  service: "",
  keyed: null as KeyedHmac | null,
};

/**
 * The derived SigV4 signing key for (secret, date, region, service) as a ready HMAC,
 * from a bounded cache: kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
 */
export function signingHmac(
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
): KeyedHmac {
  if (
    last.keyed !== null && last.secretAccessKey === secretAccessKey &&
    last.shortDate === shortDate && last.region === region && last.service === service
  ) {
    return last.keyed;
  }
  const cacheKey = shortDate + "\n" + region + "\n" + service + "\n" +
    secretAccessKey;
  let keyed = cache.get(cacheKey);
  if (keyed === undefined) {
    keyed = keyedHmacSha256(
      deriveSigningKey(secretAccessKey, shortDate, region, service),
    );
    if (cache.size >= MAX_CACHED_KEYS) {
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(cacheKey, keyed);
  }
  last = { secretAccessKey, shortDate, region, service, keyed };
  return keyed;
}

/** Derives the SigV4 signing key bytes (uncached). */
export function deriveSigningKey(
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
): Uint8Array {
  const kDate = hmacSha256(utf8("AWS4" + secretAccessKey), shortDate);
  const kRegion = hmacSha256(kDate, region);
  const kService = hmacSha256(kRegion, service);
  return hmacSha256(kService, "aws4_request");
}

/** Number of cached signing keys; exposed for tests of the bound. */
export function cachedSigningKeyCount(): number {
  return cache.size;
}

/**
 * Random inputs the token differential tests share: keys as AWS issues them, and signing
 * times from 2000 to 2099.
 *
 * @module
 */
import fc from "fast-check";

/**
 * An AKIA/ASIA access key id, a printable secret of up to 60 characters and, or not, a
 * session token matching `sessionToken` (the characters and length a reference takes).
 */
export function arbitraryKeys(
  sessionToken: RegExp,
): fc.Arbitrary<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }> {
  return fc.record({
    accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/),
    secretAccessKey: fc.stringMatching(/^[\x21-\x7e]{1,60}$/),
    sessionToken: fc.option(fc.stringMatching(sessionToken), { nil: undefined }),
  });
}

/** A whole second from 2000 to 2099: X-Amz-Date has no milliseconds. */
export const arbitrarySigningSecond: fc.Arbitrary<Date> = fc.integer({
  min: 946684800,
  max: 4102444799,
}).map((s) => new Date(s * 1000));

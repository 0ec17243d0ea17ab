/**
 * Random CloudFront signing inputs: URLs of every scheme the SDK signs, with paths and
 * queries holding spaces, escapes, `+`, reserved and non-ASCII characters and wildcards;
 * canned and custom policies (start dates, IPv4 ranges, written-out policies); dates as
 * `Date`, ISO text or epoch milliseconds; SHA-1 and SHA-256.
 *
 * @module
 */
import fc from "fast-check";

/** An input without the key (the test adds one), dates as JSON can carry them. */
export type SigningCase = Record<string, unknown> & { url?: string; policy?: string };

const HOUR = 3_600_000;
const segmentChars = fc.constantFrom(
  ..."abcXYZ019-._~!$&'()*+,;=:@ %é✓".split(""),
  "%20",
  "%2F",
  "%E2%9C%93",
  "%zz",
);
const segment = fc.array(segmentChars, { minLength: 1, maxLength: 8 }).map((c) => c.join(""));
const queryChars = fc.constantFrom(..."ab09-._~!$'()*,;:@/? +é✓".split(""), "%20", "%2B", "%3d");
const queryText = fc.array(queryChars, { maxLength: 6 }).map((c) => c.join(""));
const query = fc.array(
  fc.tuple(
    queryText.filter((name) =>
      !/^(Expires|Policy|Signature|Key-Pair-Id|Hash-Algorithm)$/.test(name)
    ),
    fc.option(queryText),
  ),
  { maxLength: 3 },
).map((pairs) =>
  pairs.map(([name, value]) => value === null ? name : `${name}=${value}`).join("&")
);

const url = fc.record({
  scheme: fc.constantFrom("https", "https", "http", "wss", "rtmp"),
  host: fc.constantFrom("d111111abcdef8.cloudfront.net", "cdn.example.com", "cdn.example.com:8443"),
  path: fc.array(segment, { maxLength: 4 }),
  wildcard: fc.boolean(),
  query: fc.option(query),
}).map(({ scheme, host, path, wildcard, query }) =>
  `${scheme}://${host}/${path.join("/")}${wildcard ? "*" : ""}${query === null ? "" : "?" + query}`
);

/** A future time and an optional earlier one, in ms. */
const window = fc.tuple(
  fc.integer({ min: 2 * 60_000, max: 60 * 24 * 365 * HOUR }),
  fc.option(fc.integer({ min: 2_000, max: 48 * HOUR })),
).map(([ahead, before]) => {
  const lessThan = Date.now() + ahead;
  return { lessThan, greaterThan: before === null ? undefined : lessThan - before };
});

const dateForm = (time: number) =>
  fc.constantFrom(new Date(time).toISOString(), time, new Date(time).toUTCString());

const octet = fc.integer({ min: 0, max: 255 });
const ipAddress = fc.tuple(octet, octet, octet, octet, fc.option(fc.integer({ min: 0, max: 32 })))
  .map(([a, b, c, d, mask]) => `${a}.${b}.${c}.${d}${mask === null ? "" : "/" + mask}`);

const algorithm = fc.constantFrom(undefined, "SHA1", "SHA256");

const withParameters = fc.record({ url, window, ip: fc.option(ipAddress), algorithm }).chain(
  ({ url, window, ip, algorithm }) =>
    fc.record({
      lessThan: dateForm(window.lessThan),
      greaterThan: window.greaterThan === undefined
        ? fc.constant(undefined)
        : dateForm(window.greaterThan),
    }).map(({ lessThan, greaterThan }): SigningCase => ({
      url,
      dateLessThan: lessThan,
      ...(greaterThan === undefined ? {} : { dateGreaterThan: greaterThan }),
      ...(ip === null ? {} : { ipAddress: ip }),
      ...(algorithm === undefined ? {} : { algorithm }),
    })),
);

const withPolicy = fc.record({
  resource: fc.oneof(url, fc.constant("*://d111111abcdef8.cloudfront.net/videos/*")),
  window,
  ip: fc.option(ipAddress),
  giveUrl: fc.option(url),
  algorithm,
  spaced: fc.boolean(),
}).map(({ resource, window, ip, giveUrl, algorithm, spaced }): SigningCase => {
  const condition: Record<string, unknown> = {
    DateLessThan: { "AWS:EpochTime": Math.floor(window.lessThan / 1000) },
  };
  if (window.greaterThan !== undefined) {
    condition.DateGreaterThan = { "AWS:EpochTime": Math.floor(window.greaterThan / 1000) };
  }
  if (ip !== null) condition.IpAddress = { "AWS:SourceIp": ip };
  const document = { Statement: [{ Resource: resource, Condition: condition }] };
  return {
    policy: spaced ? JSON.stringify(document, null, 2) : JSON.stringify(document),
    ...(giveUrl === null ? {} : { url: giveUrl }),
    ...(algorithm === undefined ? {} : { algorithm }),
  };
});

/** A random signing input (without key). */
export const arbitrarySigningCase: fc.Arbitrary<SigningCase> = fc.oneof(
  { weight: 3, arbitrary: withParameters },
  { weight: 1, arbitrary: withPolicy },
);

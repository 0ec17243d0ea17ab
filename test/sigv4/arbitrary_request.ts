/**
 * fast-check generators of random signing cases for the differential tests: a plain
 * {@linkcode RequestDescription} from which both a WHATWG `Request` (for iamfetch) and
 * the reference implementations' inputs are built, so every side signs the same request.
 *
 * @module
 */
import fc from "fast-check";
import { HttpRequest } from "@smithy/protocol-http";

/** One query parameter, decoded; `value: null` is a valueless key (`?acl`). */
export interface QueryParameter {
  /** Decoded key. */
  key: string;
  /** Decoded value, or `null` for a key written without `=`. */
  value: string | null;
}

/** Credentials of a signing case. */
export interface CaseCredentials {
  /** Access key id, `AKIA…`/`ASIA…`. */
  accessKeyId: string;
  /** Secret access key, 40 base64 characters. */
  secretAccessKey: string;
  /** Session token of temporary credentials. */
  sessionToken?: string;
}

/** A random signing case as plain data. */
export interface RequestDescription {
  /** HTTP method, uppercase. */
  method: string;
  /** URL scheme. */
  scheme: "https" | "http";
  /** Lowercase host name. */
  hostname: string;
  /** A port written in the URL, or `null`. */
  port: number | null;
  /** Decoded path segments; `""` makes an empty segment (`a//b`). */
  pathSegments: string[];
  /** Whether the path ends with `/`. */
  trailingSlash: boolean;
  /**
   * How the path is written in the URL: `sdk` percent-encodes every segment as the AWS
   * SDK does for S3 keys; `raw` leaves the characters to the WHATWG URL parser, only
   * escaping those that would end the path (`?`, `#`), split it (`/`, `\`) or be
   * dropped by the parser (tab, CR, LF). S3 is always written `sdk`.
   */
  pathStyle: "sdk" | "raw";
  /** Query parameters in URL order. */
  query: QueryParameter[];
  /**
   * `sdk` RFC 3986 encodes every key and value; `raw` escapes only `%&=#`, tab, CR, LF
   * (which the URL parser would drop); a raw `+` means a space.
   */
  queryStyle: "sdk" | "raw";
  /** Header name/value pairs, appended in order (repeated names combine with `, `). */
  headers: Array<[name: string, value: string]>;
  /** Body, or `null` (always `null` for GET and HEAD). */
  body: string | Uint8Array<ArrayBuffer> | null;
  /** Signing credentials. */
  credentials: CaseCredentials;
  /** Service signing name. */
  service: string;
  /** Region. */
  region: string;
  /** Signing date. */
  date: Date;
  /** Whether header signing uses `UNSIGNED-PAYLOAD`. */
  unsignedPayload: boolean;
  /** Seconds a presigned URL stays valid. */
  expiresIn: number;
}

/** Limits on what {@linkcode arbitraryRequest} generates, for references with narrower semantics. */
export interface RequestConstraints {
  /** Generate valueless query keys (`?a`). Default `false`. */
  valuelessQueryKeys?: boolean;
  /** Generate empty query keys (`?=v`). Default `true`. */
  emptyQueryKeys?: boolean;
  /** Generate repeated query keys in S3 requests. Default `true`. */
  repeatedQueryKeysForS3?: boolean;
  /** Put `/` inside S3 key segments (sent as `%2F`). Default `true`. */
  slashInS3KeySegments?: boolean;
  /** Generate `x-amz-*` request headers. Default `true`. */
  amzHeaders?: boolean;
  /** Put vertical tab, form feed and no-break space in header values. Default `true`. */
  exoticHeaderWhitespace?: boolean;
  /** Keep only header names (lowercase) for which this returns `true`. Default: all. */
  headerName?: (name: string) => boolean;
  /** Keep only non-S3 service names for which this returns `true`. Default: all. */
  serviceName?: (name: string) => boolean;
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"];
const RESERVED = [..."!'()*$&+,;=:@~%"];
const AWKWARD = [...' ?#/\\"<>`{}^|[]'];
const UNICODE_SAMPLES = ["é", "ä", "ß", "中", "文", "日本", "😀", "\u00a0", "\u2028", "Ω"];
const TOKEN_CHARS = [
  ..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
];
/** Names that exercise the signers' special cases: unsignable, x-amz-*, content headers. */
const SPECIAL_HEADER_NAMES = [
  "user-agent",
  "x-amzn-trace-id",
  "expect",
  "authorization",
  "connection",
  "cache-control",
  "proxy-authorization",
  "sec-fetch-mode",
  "referer",
  "content-type",
  "content-md5",
  "range",
  "accept",
  "if-match",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-meta-author",
  "X-Amz-Meta-Mixed-Case",
  "x-amz-target",
  "x-amz-content-sha256",
  "x-amz-server-side-encryption",
];
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"];
const SERVICES = ["execute-api", "sts", "dynamodb", "sqs", "lambda", "es", "rds-db", "dsql"];

function chars(values: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...values);
}

/** One character of a path segment or query component: plain, reserved, awkward or unicode. */
const textChar: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: chars([..."abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789-._"]), weight: 8 },
  { arbitrary: chars(RESERVED), weight: 4 },
  { arbitrary: chars(AWKWARD), weight: 2 },
  { arbitrary: chars(UNICODE_SAMPLES), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 1 },
);

function text(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: textChar, maxLength });
}

const hostLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/).filter((label) =>
  !label.startsWith("xn--")
);
const hostname: fc.Arbitrary<string> = fc
  .tuple(fc.array(hostLabel, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => [...labels, tld].join("."));

const PRINTABLE_ASCII = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i));

function headerValue(exotic: boolean): fc.Arbitrary<string> {
  const visible = fc.oneof(
    { arbitrary: chars(PRINTABLE_ASCII), weight: 6 },
    { arbitrary: chars(["é", "ü", "ÿ", "©"]), weight: 1 },
  );
  const whitespace = exotic ? [" ", "\t", "\v", "\f", "\u00a0"] : [" ", "\t"];
  const gap = fc.string({ unit: chars(whitespace), minLength: 1, maxLength: 4 });
  const word = fc.string({ unit: visible, minLength: 1, maxLength: 12 });
  return fc
    .tuple(
      fc.option(gap, { nil: "" }),
      fc.array(fc.tuple(word, gap), { maxLength: 4 }),
      fc.option(word, { nil: "" }),
      fc.option(gap, { nil: "" }),
    )
    .map(([lead, inner, last, trail]) =>
      lead + inner.map(([w, g]) => w + g).join("") + last + trail
    );
}

function headerNames(constraints: RequestConstraints): fc.Arbitrary<string> {
  const amz = constraints.amzHeaders ?? true;
  const keep = constraints.headerName ?? (() => true);
  return fc
    .oneof(
      {
        arbitrary: fc.string({ unit: chars(TOKEN_CHARS), minLength: 1, maxLength: 16 }),
        weight: 3,
      },
      { arbitrary: chars(SPECIAL_HEADER_NAMES), weight: 1 },
    )
    .filter((name) => {
      const lower = name.toLowerCase();
      // `host` comes from the URL. `date`: smithy deletes a caller's Date header before
      // signing (it treats it as one it generates), iamfetch signs it like any header;
      // both are valid SigV4, so it is left out rather than compared.
      return lower !== "host" && lower !== "date" && lower !== "__proto__" &&
        (amz || !lower.startsWith("x-amz-")) && keep(lower);
    });
}

function query(constraints: RequestConstraints, s3: boolean): fc.Arbitrary<QueryParameter[]> {
  const emptyKeys = constraints.emptyQueryKeys ?? true;
  const repeated = !s3 || (constraints.repeatedQueryKeysForS3 ?? true);
  // Keys drawn from a small pool repeat often, so repeated keys get sorted by value.
  const key = fc
    .oneof(chars(["a", "b", "key", "A", "é", "a b"]), text(10))
    .filter((k) =>
      (emptyKeys || k !== "") && !k.toLowerCase().startsWith("x-amz-") && k !== "__proto__"
    );
  // Valueless keys (`?a`) are a deliberate difference with @smithy/signature-v4, which
  // drops a key without a value from the canonical query; AWS servers sign it as `a=`,
  // and so does iamfetch. Left out unless a test asks for them.
  const value = constraints.valuelessQueryKeys
    ? fc.oneof({ arbitrary: text(12), weight: 5 }, { arbitrary: fc.constant(null), weight: 1 })
    : text(12);
  const parameters = fc.array(fc.record({ key, value }), { maxLength: 8 });
  return repeated
    ? parameters
    : parameters.map((list) => list.filter((p, i) => list.findIndex((q) => q.key === p.key) === i));
}

/**
 * Random signing cases: any method, host and port, unicode and reserved characters in
 * the path and query, repeated and empty query keys, 0–15 headers with messy
 * whitespace (some unsignable), bodies, credentials with and without a session token,
 * S3 or another service, any region and date.
 */
export function arbitraryRequest(
  constraints: RequestConstraints = {},
): fc.Arbitrary<RequestDescription> {
  const keepService = constraints.serviceName ?? (() => true);
  const otherService = fc
    .oneof(chars(SERVICES), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/))
    .filter((name) => name !== "s3" && keepService(name));
  // Built once per kind of service (not in a chain: fast-check would rebuild every
  // arbitrary, regular expressions included, for each generated case).
  return fc.oneof(
    requestsFor(fc.constant("s3"), true, constraints),
    requestsFor(otherService, false, constraints),
  );
}

function requestsFor(
  service: fc.Arbitrary<string>,
  s3: boolean,
  constraints: RequestConstraints,
): fc.Arbitrary<RequestDescription> {
  const slashInKeys = constraints.slashInS3KeySegments ?? true;
  const segment = s3 && !slashInKeys ? text(12).map((s) => s.replaceAll("/", "")) : text(12);
  return fc
    .record({
      method: chars(METHODS),
      scheme: fc.constantFrom<"https" | "http">("https", "http"),
      hostname,
      port: fc.oneof(
        { arbitrary: fc.constant(null), weight: 3 },
        { arbitrary: fc.integer({ min: 1, max: 65535 }), weight: 1 },
      ),
      pathSegments: fc.array(
        fc.oneof({ arbitrary: segment, weight: 5 }, { arbitrary: fc.constant(""), weight: 1 }),
        { maxLength: 5 },
      ),
      trailingSlash: fc.boolean(),
      pathStyle: fc.constantFrom<"sdk" | "raw">(
        ...(s3 ? ["sdk" as const] : ["sdk", "raw"] as const),
      ),
      query: query(constraints, s3),
      queryStyle: fc.constantFrom<"sdk" | "raw">("sdk", "raw"),
      headers: fc.array(
        fc.tuple(headerNames(constraints), headerValue(constraints.exoticHeaderWhitespace ?? true))
          .chain(([name, value]) =>
            // The signer refuses a declared payload hash that is not one (a typed error,
            // tested on its own), so generated requests declare valid ones.
            name.toLowerCase() === "x-amz-content-sha256"
              ? fc.oneof(fc.constant("UNSIGNED-PAYLOAD"), fc.stringMatching(/^[0-9a-f]{64}$/))
                .map((hash): [string, string] => [name, hash])
              : fc.constant<[string, string]>([name, value])
          ),
        { maxLength: 15 },
      ).filter((headers) =>
        headers.filter(([name]) => name.toLowerCase() === "x-amz-content-sha256").length <= 1
      ),
      body: fc.oneof(
        fc.constant(null),
        fc.string({ unit: "binary", maxLength: 64 }),
        fc.uint8Array({ maxLength: 128 }),
      ),
      credentials: fc.record(
        {
          accessKeyId: fc.stringMatching(/^A[KS]IA[A-Z0-9]{16}$/),
          secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
          sessionToken: fc.stringMatching(/^[A-Za-z0-9/+=]{16,300}$/),
        },
        { requiredKeys: ["accessKeyId", "secretAccessKey"] },
      ),
      service,
      region: fc.oneof(chars(REGIONS), fc.stringMatching(/^[a-z]{2}-[a-z]{4,9}-[1-9]$/)),
      date: fc.date({
        min: new Date("2000-01-01T00:00:00Z"),
        max: new Date("2099-12-31T23:59:59Z"),
        noInvalidDate: true,
      }),
      unsignedPayload: fc.boolean(),
      expiresIn: fc.integer({ min: 1, max: 604800 }),
    })
    .map((fields): RequestDescription => ({
      ...fields,
      body: fields.method === "GET" || fields.method === "HEAD" ? null : fields.body,
    }));
}

/** RFC 3986 encoding as the AWS SDK writes S3 keys and query components. */
export function sdkEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase(),
  );
}

function escapeOnly(value: string, pattern: RegExp): string {
  return value.replace(
    pattern,
    (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"),
  );
}

/** The URL string of `description`. */
export function requestUrl(description: RequestDescription): string {
  const encodeSegment = description.pathStyle === "sdk"
    ? sdkEncode
    : (segment: string) => escapeOnly(segment, /[?#/\\\t\n\r]/g);
  let path = "/" + description.pathSegments.map(encodeSegment).join("/");
  if (description.trailingSlash && description.pathSegments.length > 0) path += "/";
  // A raw `+` stays: it reads as a space to every signer here, as to AWS.
  const rawQuery = /[%&=#\t\n\r]/g;
  const encodeComponent = description.queryStyle === "sdk"
    ? sdkEncode
    : (component: string) => escapeOnly(component, rawQuery);
  const search = description.query
    .map(({ key, value }) =>
      value === null ? encodeComponent(key) : encodeComponent(key) + "=" + encodeComponent(value)
    )
    .join("&");
  const port = description.port === null ? "" : ":" + description.port;
  return description.scheme + "://" + description.hostname + port + path +
    (search === "" ? "" : "?" + search);
}

/** The WHATWG `Request` of `description`. */
export function toRequest(description: RequestDescription): Request {
  const headers = new Headers();
  for (const [name, value] of description.headers) headers.append(name, value);
  return new Request(requestUrl(description), {
    method: description.method,
    headers,
    body: description.body,
  });
}

/**
 * The query of a URL as smithy's `HttpRequest` holds it: decoded keys, decoded values
 * (`null` for a valueless key), repeated keys as arrays. `+` is a space, as AWS services
 * and `URLSearchParams` read a query.
 */
export function decodedQuery(search: string): Record<string, string | string[] | null> {
  const query: Record<string, string | string[] | null> = {};
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const decode = (raw: string) => decodeURIComponent(raw.replaceAll("+", " "));
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? null : decode(part.slice(eq + 1));
    const previous = query[key];
    if (!Object.hasOwn(query, key)) query[key] = value;
    else if (value === null || previous === null) continue;
    else query[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return query;
}

/**
 * The smithy `HttpRequest` that means what `request` means: the path as the WHATWG URL
 * parser left it (what iamfetch signs), the decoded query, the header values the
 * `Headers` object holds (trimmed, duplicates joined with `, `), `host` from the URL.
 */
export function toSmithyRequest(request: Request, body: string | Uint8Array | null): HttpRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => headers[name] = value);
  headers.host = url.host;
  return new HttpRequest({
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port === "" ? undefined : Number(url.port),
    path: url.pathname,
    query: decodedQuery(url.search) as Record<string, string | string[]>,
    headers,
    body: body ?? undefined,
  });
}

/**
 * Whether a verifier takes the path as sent: any S3 key, but for services that normalize
 * paths only one without empty segments (`a//b` verifies as `a/b`, which a router would not
 * read the same way, so verifySignature refuses it).
 */
export function hasVerifiablePath(description: RequestDescription): boolean {
  return description.service === "s3" || !description.pathSegments.includes("");
}

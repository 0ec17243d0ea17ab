// fast-check generators shared by the RDS and DSQL token tests: endpoints of every shape,
// ports, user names and credentials with and without session tokens.
import fc from "fast-check";

export const REGIONS = [
  "us-east-1",
  "us-west-2",
  "eu-west-1",
  "eu-central-2",
  "ap-southeast-3",
  "sa-east-1",
  "us-gov-west-1",
  "cn-north-1",
  "cn-northwest-1",
  "il-central-1",
];

// No `xn--` labels: most random ones are invalid punycode, which the URL parser (and so the
// test's own Request) refuses.
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/).filter((l) =>
  !l.startsWith("xn--")
);
const hash = fc.stringMatching(/^[a-z0-9]{12}$/);

/** An RDS endpoint and the region in it (`undefined` for hostnames without one). */
export const rdsHost = fc.oneof(
  fc.record({
    id: label,
    hash,
    region: fc.constantFrom(...REGIONS),
    kind: fc.constantFrom("cluster-", "cluster-ro-", "cluster-custom-", "proxy-", "limitless-", ""),
    china: fc.boolean(),
  }).map(({ id, hash, region, kind, china }) => ({
    hostname: `${id}.${kind}${hash}.${region}.rds.amazonaws.com${china ? ".cn" : ""}`,
    region: region as string | undefined,
  })),
  fc.record({ id: label, hash, region: fc.constantFrom("cn-north-1", "cn-northwest-1") }).map((
    { id, hash, region },
  ) => ({
    hostname: `${id}.${hash}.rds.${region}.amazonaws.com.cn`,
    region: region as string | undefined,
  })),
  fc.oneof(
    fc.constantFrom("localhost", "10.0.12.7", "db.internal", "my_db.corp.example.com"),
    fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join(".")),
  ).map((hostname) => ({ hostname, region: undefined as string | undefined })),
);

/** A DSQL endpoint and its region. */
export const dsqlHost = fc.record({
  id: fc.stringMatching(/^[a-z0-9]{20,26}$/),
  region: fc.constantFrom(...REGIONS),
}).map(({ id, region }) => ({ hostname: `${id}.dsql.${region}.on.aws`, region }));

export const port = fc.oneof(
  fc.integer({ min: 1, max: 65535 }),
  fc.constantFrom(5432, 3306, 443, 80, 1, 65535),
);

// Control characters and unpaired surrogates are rejected (tested separately).
// deno-lint-ignore no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u001f\u007f\ud800-\udfff]/;
export const username = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_$]{0,30}$/),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
  fc.constantFrom(
    "app user",
    "o'brien",
    "a+b=c&d",
    "ユーザー",
    "düsseldorf",
    "👩‍💻",
    "%41",
    "a/b?c#d",
  ),
).filter((name) => name !== "" && !FORBIDDEN.test(name));

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const credentials = fc.record({
  accessKeyId: fc.stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/),
  secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
  sessionToken: fc.option(
    fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9/+]{20,300}={0,2}$/),
      fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 60 }).map((s) =>
        s.replace(/[^\x21-\x7e]/g, "x")
      ),
    ),
    { nil: undefined },
  ),
}).map(({ sessionToken, ...rest }): TestCredentials =>
  sessionToken === undefined ? rest : { ...rest, sessionToken }
);

/** The X-Amz-Date of a token, as a Date. */
export function tokenDate(token: string): Date {
  const value = new URLSearchParams(token.slice(token.indexOf("?") + 1)).get("X-Amz-Date")!;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)!;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

/** The URL a server sees: the token is a presigned URL without its scheme. */
export function tokenRequest(token: string): Request {
  // `:443` would vanish from an https URL (and `:80` from http) and with it from the host
  // the verifier checks; the scheme is not signed.
  const host = token.slice(0, token.indexOf("/"));
  return new Request((host.endsWith(":443") ? "http://" : "https://") + token);
}

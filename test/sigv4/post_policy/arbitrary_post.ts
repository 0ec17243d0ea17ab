/**
 * Random `presignPost` inputs for the differential and property tests: buckets of every
 * addressing kind, keys with and without `${filename}`, extra fields, conditions of each
 * operator (repeats included, to exercise the de-duplication), regions of every partition,
 * custom endpoints, session tokens and signing times.
 *
 * @module
 */
import fc from "fast-check";
import type {
  PostPolicyCondition,
  PresignPostOptions,
  VerifyPostPolicyOptions,
} from "../../../src/sigv4/mod.ts";

/** A presignPost input whose credentials are a plain object (so references can take it). */
export type PostInput = PresignPostOptions & {
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  date: Date;
  endpoint?: string;
};

const REGIONS = [
  "us-east-1",
  "eu-west-1",
  "ap-southeast-2",
  "sa-east-1",
  "cn-north-1",
  "us-gov-west-1",
  "us-iso-east-1",
  "us-isob-east-1",
  "eusc-de-east-1",
];

const ENDPOINTS = [
  "http://127.0.0.1:9000",
  "http://localhost:4566",
  "https://minio.example.com",
  "https://minio.example.com/base",
  "https://s3.example.com:8443/a/b/",
  "http://[::1]:9000",
  "https://storage.example.com:443",
];

const FIELD_NAMES = [
  "acl",
  "Content-Type",
  "Cache-Control",
  "success_action_status",
  "success_action_redirect",
  "x-amz-storage-class",
  "x-amz-meta-uuid",
  "x-amz-meta-Tag",
  "tagging",
];

/** Text of any script, no lone surrogates (a form is UTF-8). */
const text = (maxLength = 24) => fc.string({ unit: "grapheme", maxLength });

const bucket = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
  fc.stringMatching(/^[a-z0-9]{1,8}(\.[a-z0-9]{1,8}){1,2}$/),
  fc.stringMatching(/^[A-Za-z0-9_]{3,12}$/),
  fc.constantFrom("ab", "a-b", "192.168.1.1", "bucket-"),
).filter((name) => !name.startsWith("xn--"));

const key = fc.oneof(
  text(40).filter((k) => k.length > 0),
  text(20).map((prefix) => prefix + "${filename}"),
);

const fieldName = fc.oneof(fc.constantFrom(...FIELD_NAMES), text(8).map((s) => "x-amz-meta-" + s));

const condition: fc.Arbitrary<PostPolicyCondition> = fc.oneof(
  fc.tuple(fieldName, text()).map(([name, value]) => ({ [name]: value })),
  fc.tuple(fc.constantFrom("eq", "starts-with"), fieldName, text()).map((
    [operator, name, value],
  ) => [operator, "$" + name, value] as PostPolicyCondition),
  fc.tuple(fc.nat(1_000_000), fc.nat(1_000_000)).map(([a, b]) =>
    ["content-length-range", Math.min(a, b), Math.max(a, b)] as PostPolicyCondition
  ),
  fc.constant({ acl: "private" }),
);

const credentials = fc.record({
  accessKeyId: fc.stringMatching(/^A[KS]IA[A-Z0-9]{16}$/),
  secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
  sessionToken: fc.option(fc.stringMatching(/^[A-Za-z0-9/+=]{20,80}$/), { nil: undefined }),
}).map(({ sessionToken, ...keys }) =>
  sessionToken === undefined ? keys : { ...keys, sessionToken }
);

/** Where the form goes: AWS (optionally dual-stack or accelerated) or a custom endpoint. */
const addressing = fc.oneof(
  fc.record({
    forcePathStyle: fc.boolean(),
    useDualstackEndpoint: fc.boolean(),
    // Mostly off: Accelerate refuses dotted and legacy bucket names.
    useAccelerateEndpoint: fc.oneof(
      { weight: 5, arbitrary: fc.constant(false) },
      { weight: 1, arbitrary: fc.constant(true) },
    ),
  }),
  fc.record({ endpoint: fc.constantFrom(...ENDPOINTS), forcePathStyle: fc.boolean() }),
);

/** A random presignPost input. */
export const arbitraryPostInput: fc.Arbitrary<PostInput> = fc.record({
  bucket,
  key,
  conditions: fc.array(condition, { maxLength: 6 }),
  fields: fc.dictionary(fieldName, text(), { maxKeys: 4 }),
  expiresIn: fc.integer({ min: 1, max: 604_800 }),
  credentials,
  region: fc.constantFrom(...REGIONS),
  addressing,
  date: fc.date({
    min: new Date("2001-01-01T00:00:00Z"),
    max: new Date("2090-01-01T00:00:00Z"),
    noInvalidDate: true,
  }),
}).map(({ addressing, ...input }) => ({ ...input, ...addressing }));

/** A presignPost input whose conditions a form can meet, and the file that meets them. */
export interface SatisfiablePost {
  /** The input; its conditions hold for its fields and the file. */
  readonly input: PostInput & { conditions: PostPolicyCondition[]; fields: Record<string, string> };
  /** The file's size in bytes, inside every content-length-range. */
  readonly fileSize: number;
  /** The file's name, which a `${filename}` key takes. */
  readonly filename: string;
}

/**
 * Inputs whose conditions are made from the form they will be checked against: an exact or
 * prefix match on some of the extra fields (a prefix of the value sent), and a size range
 * around the file's size.
 */
export const arbitrarySatisfiablePost: fc.Arbitrary<SatisfiablePost> = fc.record({
  base: arbitraryPostInput,
  fields: fc.dictionary(fieldName, text(), { maxKeys: 4 }),
  picks: fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat(24)), { maxLength: 4 }),
  fileSize: fc.nat(4096),
  slack: fc.tuple(fc.nat(100), fc.nat(100)),
  // Not empty after its last slash: S3 refuses the empty key "${filename}" would become.
  filename: text(16).filter((name) => !/(^|[/\\])$/.test(name)),
}).map(({ base, fields, picks, fileSize, slack, filename }) => {
  const names = Object.keys(fields);
  const conditions: PostPolicyCondition[] = picks.filter(() => names.length > 0).map(
    ([index, exact, length]) => {
      const name = names[index % names.length];
      const value = fields[name];
      return exact
        ? ["eq", "$" + name, value]
        : ["starts-with", "$" + name, [...value].slice(0, length).join("")];
    },
  );
  conditions.push(["content-length-range", Math.max(0, fileSize - slack[0]), fileSize + slack[1]]);
  return { input: { ...base, fields, conditions }, fileSize, filename };
});

/** The form a browser posts for `post`: `fields`, then a file of `size` bytes (the post's own). */
export function satisfyingForm(
  fields: Record<string, string>,
  post: SatisfiablePost,
  size: number = post.fileSize,
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new File([new Uint8Array(size)], post.filename));
  return form;
}

/** What `verifyPostPolicy` is told to check `post`'s forms: its key, bucket and signing time. */
export function verifyOptionsFor(post: SatisfiablePost): VerifyPostPolicyOptions {
  const { credentials, bucket, date } = post.input;
  return {
    secretFor: (id) => id === credentials.accessKeyId ? credentials.secretAccessKey : undefined,
    bucket,
    now: date,
  };
}

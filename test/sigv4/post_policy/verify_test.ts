// verifyPostPolicy, case by case, against what S3 answers (codes and messages from S3's
// documentation and from recorded S3 answers: "Invalid according to Policy: …",
// EntityTooLarge, "Extra input fields", the field-name case rules).
import assert from "node:assert/strict";
import { verifyPostPolicy } from "../../../src/sigv4/mod.ts";
import {
  CREDENTIALS,
  formOf,
  handSignedFields,
  NOW,
  policyText,
  presignedFields,
  verifyOptions,
} from "./post_form.ts";

async function failureOf(form: FormData, options = verifyOptions()) {
  const result = await verifyPostPolicy(form, options);
  assert.equal(result.ok, false, "the form was accepted");
  return result as Exclude<typeof result, { ok: true }>;
}

Deno.test("verifyPostPolicy accepts presignPost's form and expands ${filename} in the key", async () => {
  const fields = await presignedFields({
    key: "user/alice/${filename}",
    fields: { "Content-Type": "image/png", "x-amz-meta-uuid": "14365123651274" },
    conditions: [["content-length-range", 1, 100], ["starts-with", "$Content-Type", "image/"]],
  });
  const result = await verifyPostPolicy(
    formOf(fields, new File(["png bytes"], "C:\\Users\\alice\\photo.png")),
    verifyOptions(),
  );
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.key, "user/alice/photo.png");
  assert.equal(result.accessKeyId, CREDENTIALS.accessKeyId);
  assert.equal(result.region, "eu-west-1");
  assert.equal(result.contentLength, 9);
  assert.equal(result.fields["x-amz-meta-uuid"], "14365123651274");
  assert.equal(result.fields.policy, undefined);
});

Deno.test("verifyPostPolicy takes field and condition names in any case, values with case", async () => {
  const fields = await handSignedFields(
    policyText([
      ["starts-with", "$CONTENT-type", "text/"],
      ["eq", "$Success_Action_Status", "201"],
    ]),
    { "content-TYPE": "text/plain", "SUCCESS_ACTION_STATUS": "201" },
  );
  const upper = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toUpperCase(), v]));
  assert.ok((await verifyPostPolicy(formOf(upper, "hello"), verifyOptions())).ok);
  const wrongCase = { ...fields, "content-TYPE": "TEXT/plain" };
  const failure = await failureOf(formOf(wrongCase, "hello"));
  assert.equal(failure.status, 403);
  assert.equal(failure.code, "AccessDenied");
  assert.equal(
    failure.message,
    'Invalid according to Policy: Policy Condition failed: ["starts-with", "$CONTENT-type", "text/"]',
  );
});

Deno.test("a simple condition fails as S3 prints it: as an eq array", async () => {
  const fields = await handSignedFields(policyText([{ acl: "private" }]), { acl: "public-read" });
  const failure = await failureOf(formOf(fields, "x"));
  assert.equal(
    failure.message,
    'Invalid according to Policy: Policy Condition failed: ["eq", "$acl", "private"]',
  );
});

Deno.test("a Content-Type list passes starts-with only when every item does", async () => {
  const policy = policyText([["starts-with", "$Content-Type", "image/"]]);
  const good = await handSignedFields(policy, { "Content-Type": "image/jpg,image/png" });
  assert.ok((await verifyPostPolicy(formOf(good, "x"), verifyOptions())).ok);
  const bad = await handSignedFields(policy, { "Content-Type": "image/jpg,text/plain" });
  assert.equal((await failureOf(formOf(bad, "x"))).code, "AccessDenied");
  // Other fields are plain strings, commas and all.
  const meta = policyText([["starts-with", "$x-amz-meta-tags", "a"]]);
  const commas = await handSignedFields(meta, { "x-amz-meta-tags": "a,b,c" });
  assert.ok((await verifyPostPolicy(formOf(commas, "x"), verifyOptions())).ok);
});

Deno.test("a condition on a field the form lacks fails, even starts-with empty", async () => {
  const fields = await handSignedFields(policyText([["starts-with", "$Content-Type", ""]]));
  assert.equal(
    (await failureOf(formOf(fields, "x"))).message,
    'Invalid according to Policy: Policy Condition failed: ["starts-with", "$Content-Type", ""]',
  );
});

Deno.test("every field needs a condition, except policy, x-amz-signature, file and x-ignore-*", async () => {
  const fields = await handSignedFields(policyText([]), {
    "x-ignore-tracking": "1",
  });
  assert.ok((await verifyPostPolicy(formOf(fields, "x"), verifyOptions())).ok);
  const extra = await handSignedFields(policyText([]), { Filename: "a.png" });
  const failure = await failureOf(formOf(extra, "x"));
  assert.equal(failure.status, 403);
  assert.equal(failure.message, "Invalid according to Policy: Extra input fields: Filename");
});

Deno.test("fields after the file are ignored, as S3 ignores them", async () => {
  const fields = await handSignedFields(policyText([]));
  const form = formOf(fields, "x");
  form.append("submit", "Upload"); // a submit button after the file input
  assert.ok((await verifyPostPolicy(form, verifyOptions())).ok);
  const keyAfterFile = formOf(
    Object.fromEntries(Object.entries(fields).filter(([k]) => k !== "key")),
    "x",
  );
  keyAfterFile.append("key", "notes.txt");
  const failure = await failureOf(keyAfterFile);
  assert.equal(failure.code, "InvalidArgument");
  assert.equal(failure.argumentName, "key");
  assert.equal(
    failure.message,
    "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
  );
});

Deno.test("content-length-range: inclusive bounds, EntityTooLarge and EntityTooSmall", async () => {
  const fields = await handSignedFields(policyText([["content-length-range", 5, 10]]));
  for (const size of [5, 10]) {
    assert.ok((await verifyPostPolicy(formOf(fields, "x".repeat(size)), verifyOptions())).ok);
  }
  const large = await failureOf(formOf(fields, "x".repeat(12)));
  assert.deepEqual(
    {
      status: large.status,
      code: large.code,
      proposed: large.proposedSize,
      max: large.maxSizeAllowed,
    },
    { status: 400, code: "EntityTooLarge", proposed: 12, max: 10 },
  );
  assert.equal(large.message, "Your proposed upload exceeds the maximum allowed size");
  const small = await failureOf(formOf(fields, "x"));
  assert.deepEqual(
    {
      status: small.status,
      code: small.code,
      proposed: small.proposedSize,
      min: small.minSizeAllowed,
    },
    { status: 400, code: "EntityTooSmall", proposed: 1, min: 5 },
  );
  // The caller's own count of a streamed file wins over the form's.
  const streamed = await verifyPostPolicy(formOf(fields, ""), { ...verifyOptions(), fileSize: 7 });
  assert.ok(streamed.ok);
  assert.equal(streamed.contentLength, 7);
});

Deno.test("content-length-range bounds as strings are numbers; other strings fail the condition", async () => {
  const strings = await handSignedFields(policyText([["content-length-range", "5", "10"]]));
  assert.ok((await verifyPostPolicy(formOf(strings, "123456"), verifyOptions())).ok);
  const words = await handSignedFields(policyText([["content-length-range", "test", "10"]]));
  assert.equal(
    (await failureOf(formOf(words, "123456"))).message,
    'Invalid according to Policy: Policy Condition failed: ["content-length-range", "test", "10"]',
  );
});

Deno.test("an expired policy, another bucket, another region are refused", async () => {
  const fields = await handSignedFields(policyText([]));
  const expired = await failureOf(formOf(fields, "x"), {
    ...verifyOptions(),
    now: new Date("2026-03-04T06:00:01Z"),
  });
  assert.deepEqual([expired.status, expired.code, expired.message], [
    403,
    "AccessDenied",
    "Invalid according to Policy: Policy expired.",
  ]);
  const otherBucket = await failureOf(formOf(fields, "x"), verifyOptions("backups"));
  assert.match(otherBucket.message, /Policy Condition failed: \["eq", "\$bucket", "uploads"\]/);
  const otherRegion = await failureOf(formOf(fields, "x"), {
    ...verifyOptions(),
    region: "us-west-1",
  });
  assert.deepEqual([otherRegion.status, otherRegion.code, otherRegion.message], [
    400,
    "InvalidArgument",
    "the region 'eu-west-1' is wrong; expecting 'us-west-1'",
  ]);
  assert.ok((await verifyPostPolicy(formOf(fields, "x"), { ...verifyOptions(), now: NOW })).ok);
});

Deno.test("a wrong signature, policy or key is SignatureDoesNotMatch or InvalidAccessKeyId", async () => {
  const fields = await handSignedFields(policyText([]));
  const flipped = fields["x-amz-signature"].replace(/^./, (c) => c === "0" ? "1" : "0");
  for (
    const form of [
      { ...fields, "x-amz-signature": flipped },
      { ...fields, policy: fields.policy.slice(0, -2) },
      {
        ...fields,
        "x-amz-date": "20260304T050608Z",
        "x-amz-credential": fields["x-amz-credential"].replace("20260304", "20260305"),
      },
    ]
  ) {
    const failure = await failureOf(formOf(form, "x"));
    assert.equal(failure.code, "SignatureDoesNotMatch");
    assert.equal(failure.status, 403);
  }
  const unknown = await failureOf(formOf(fields, "x"), {
    ...verifyOptions(),
    secretFor: () => undefined,
  });
  assert.equal(unknown.code, "InvalidAccessKeyId");
});

Deno.test("missing or malformed signing fields are InvalidArgument naming the field; none is anonymous", async () => {
  const fields = await handSignedFields(policyText([]));
  const without = (name: string) =>
    formOf(Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name)), "x");
  for (
    const [name, expected] of [
      ["x-amz-algorithm", "X-Amz-Algorithm"],
      ["x-amz-credential", "X-Amz-Credential"],
      ["x-amz-date", "X-Amz-Date"],
      ["x-amz-signature", "X-Amz-Signature"],
      ["policy", "Policy"],
    ]
  ) {
    const failure = await failureOf(without(name));
    assert.deepEqual([failure.status, failure.code, failure.argumentName], [
      400,
      "InvalidArgument",
      expected,
    ]);
  }
  const anonymous = await failureOf(formOf({ key: "notes.txt" }, "x"));
  assert.deepEqual([anonymous.status, anonymous.code], [403, "AccessDenied"]);
  for (
    const [field, value, message] of [
      ["x-amz-credential", "AKID/2026/eu-west-1/s3/aws4_request", /incorrect date format/],
      ["x-amz-credential", "AKID/20260304/eu-west-1/s3", /mal-formed/],
      ["x-amz-credential", "AKID/20260304/eu-west-1/ec2/aws4_request", /incorrect service "ec2"/],
      ["x-amz-date", "2026-03-04T05:06:07Z", /ISO8601 Long format/],
      ["x-amz-algorithm", "AWS4-HMAC-SHA1", /only supports "AWS4-HMAC-SHA256"/],
    ] as const
  ) {
    const failure = await failureOf(formOf({ ...fields, [field]: value }, "x"));
    assert.equal(failure.code, "InvalidArgument");
    assert.match(failure.message, message);
  }
  const noFile = new FormData();
  for (const [name, value] of Object.entries(fields)) noFile.append(name, value);
  assert.equal(
    (await failureOf(noFile)).message,
    "POST requires exactly one file upload per request.",
  );
});

Deno.test("policies S3 cannot read are InvalidPolicyDocument with S3's reasons", async () => {
  const cases: [string, string][] = [
    ["{not json", "Invalid Policy: Invalid JSON."],
    ['{"conditions":[]}', "Invalid Policy: Policy missing expiration."],
    ['{"expiration":"2026-03-04T06:00:00Z"}', "Invalid Policy: Policy missing conditions."],
    [
      '{"EXPIRATION":"2026-03-04T06:00:00Z","conditions":[]}',
      "Invalid Policy: Unexpected: 'expiration'",
    ],
    [
      '{"expiration":"2026-03-04 06:00:00 UTC","conditions":[]}',
      "Invalid Policy: Invalid 'expiration' value: '2026-03-04 06:00:00 UTC'",
    ],
    [
      '{"expiration":"2026-03-04T06:00:00Z","conditions":{}}',
      "Invalid Policy: Invalid 'conditions' value: must be a List.",
    ],
    [
      policyText([{}]),
      "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.",
    ],
    [policyText([{ acl: 1 }]), "Invalid Policy: Invalid Simple-Condition: value must be a string."],
    [
      policyText([["in", "$acl", "x"]]),
      "Invalid Policy: Invalid Condition: unknown operation 'in'.",
    ],
    [policyText([["eq", "$acl"]]), "Invalid Policy: Invalid eq: wrong number of arguments."],
    [policyText([[]]), "Invalid Policy: Invalid Condition: missing operation identifier."],
    [policyText([7]), "Invalid Policy: Invalid condition test: must be a List or Object."],
  ];
  for (const [policy, message] of cases) {
    const failure = await failureOf(formOf(await handSignedFields(policy), "x"));
    assert.deepEqual([failure.status, failure.code, failure.message], [
      400,
      "InvalidPolicyDocument",
      message,
    ]);
  }
  const notBase64 = await failureOf(formOf(await handSignedFields("%%%", {}, true), "x"));
  assert.equal(notBase64.message, "Invalid Policy: invalid Base64 encoding.");
});

Deno.test("repeated fields are joined with commas; forms over 20 KB before the file are refused", async () => {
  const fields = await handSignedFields(policyText([["eq", "$x-amz-meta-tag", "Ninja,Stallman"]]));
  const form = formOf({ ...fields, "x-amz-meta-tag": "Ninja" }, "x");
  form.delete("file");
  form.append("X-Amz-Meta-Tag", "Stallman");
  form.append("file", "x");
  assert.ok((await verifyPostPolicy(form, verifyOptions())).ok);
  const big = formOf({ ...fields, "x-ignore-padding": "p".repeat(21 * 1024) }, "x");
  assert.equal((await failureOf(big)).code, "MaxPostPreDataLengthExceeded");
});

Deno.test("fields named like Object.prototype members are plain fields", async () => {
  const fields = await handSignedFields(policyText([["starts-with", "$constructor", ""]]), {
    constructor: "x",
  });
  assert.ok((await verifyPostPolicy(formOf(fields, "x"), verifyOptions())).ok);
  const proto = await handSignedFields(
    policyText([]),
    JSON.parse('{"__proto__":"x","toString":"y"}'),
  );
  assert.match((await failureOf(formOf(proto, "x"))).message, /Extra input fields/);
});

// verifyPostPolicy(presignPost(x)) holds for random satisfiable policies, and each single
// change an uploader could make to the form breaks it with S3's code for that change.
import assert from "node:assert/strict";
import fc from "fast-check";
import { presignPost, verifyPostPolicy } from "../../../src/sigv4/mod.ts";
import {
  arbitrarySatisfiablePost,
  type SatisfiablePost,
  satisfyingForm,
  verifyOptionsFor,
} from "./arbitrary_post.ts";

const RUNS = Number(Deno.env.get("POST_POLICY_PROPERTY_RUNS") ?? 300);

type Mutation = (post: SatisfiablePost, fields: Record<string, string>) => {
  fields?: Record<string, string>;
  fileSize?: number;
  now?: Date;
  bucket?: string;
  code: string;
};

function flipped(text: string, at: number): string {
  const index = at % text.length;
  const char = text[index];
  return text.slice(0, index) + (char === "a" ? "b" : "a") + text.slice(index + 1);
}

const MUTATIONS: Record<string, Mutation> = {
  "a changed signature": (_, fields) => ({
    fields: { ...fields, "X-Amz-Signature": flipped(fields["X-Amz-Signature"], 7) },
    code: "SignatureDoesNotMatch",
  }),
  "a changed policy": (_, fields) => ({
    fields: { ...fields, Policy: flipped(fields.Policy, 11) },
    code: "SignatureDoesNotMatch",
  }),
  "a field no condition names": (_, fields) => ({
    fields: { ...fields, "x-amz-meta-added": "1" },
    code: "AccessDenied",
  }),
  "a file over the range": (post) => ({
    fileSize: (post.input.conditions.at(-1) as [string, number, number])[2] + 1,
    code: "EntityTooLarge",
  }),
  "an expired policy": (post) => ({
    now: new Date(post.input.date.getTime() + (post.input.expiresIn! + 1) * 1000),
    code: "AccessDenied",
  }),
  "another bucket": (post) => ({ bucket: post.input.bucket + "x", code: "AccessDenied" }),
  "another credential date": (_, fields) => ({
    fields: {
      ...fields,
      "X-Amz-Credential": fields["X-Amz-Credential"].replace(/\/(\d{8})\//, "/19991231/"),
    },
    code: "SignatureDoesNotMatch",
  }),
};

Deno.test(`verifyPostPolicy accepts presignPost's forms and refuses each change (${RUNS} runs)`, async () => {
  await fc.assert(
    fc.asyncProperty(
      arbitrarySatisfiablePost.filter((post) => !post.input.useAccelerateEndpoint),
      fc.constantFrom(...Object.keys(MUTATIONS)),
      async (post, mutationName) => {
        const { fields } = await presignPost({
          ...post.input,
          endpoint: "http://127.0.0.1:9000",
          useDualstackEndpoint: false,
        });
        const options = verifyOptionsFor(post);
        const accepted = await verifyPostPolicy(
          satisfyingForm(fields, post, post.fileSize),
          options,
        );
        assert.ok(accepted.ok, JSON.stringify(accepted));
        const change = MUTATIONS[mutationName](post, fields);
        const refused = await verifyPostPolicy(
          satisfyingForm(change.fields ?? fields, post, change.fileSize ?? post.fileSize),
          { ...options, now: change.now ?? options.now, bucket: change.bucket ?? options.bucket },
        );
        assert.equal(refused.ok ? "accepted" : refused.code, change.code, mutationName);
      },
    ),
    { numRuns: RUNS },
  );
});

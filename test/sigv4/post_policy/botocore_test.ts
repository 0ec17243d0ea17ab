// presignPost against botocore's generate_presigned_post (the AWS CLI's and boto3's
// signer, run by python3 with its clock stopped at the same time): the decoded policies
// hold the same expiration and conditions (botocore writes the JSON with spaces and the
// signing fields in lowercase), and verifyPostPolicy accepts botocore's forms.
import assert from "node:assert/strict";
import fc from "fast-check";
import { presignPost, verifyPostPolicy } from "../../../src/sigv4/mod.ts";
import { findProgram } from "../../find_program.ts";
import {
  arbitrarySatisfiablePost,
  type SatisfiablePost,
  satisfyingForm,
  verifyOptionsFor,
} from "./arbitrary_post.ts";

const RUNS = 60;
// Regions botocore knows in every partition it ships endpoints for.
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"];

const BOTOCORE_POST = `
import datetime, json, sys
from unittest import mock
import botocore.session
from botocore.config import Config

session = botocore.session.get_session()
answers = []
for case in json.load(sys.stdin):
    now = datetime.datetime.fromtimestamp(case["time"] / 1000, datetime.timezone.utc)
    now = now.replace(tzinfo=None)
    credentials = case["credentials"]
    client = session.create_client(
        "s3",
        region_name=case["region"],
        aws_access_key_id=credentials["accessKeyId"],
        aws_secret_access_key=credentials["secretAccessKey"],
        aws_session_token=credentials.get("sessionToken"),
        config=Config(signature_version="s3v4"),
    )
    with mock.patch("botocore.signers.get_current_datetime", return_value=now), \\
            mock.patch("botocore.auth.get_current_datetime", return_value=now):
        answers.append(client.generate_presigned_post(
            case["bucket"], case["key"], Fields=case["fields"],
            Conditions=case["conditions"], ExpiresIn=case["expiresIn"]))
print(json.dumps(answers))
`;

/** botocore's generate_presigned_post for each case, in one python3 process. */
async function botocorePosts(cases: SatisfiablePost[]) {
  const python = await findProgram(
    "python3",
    "apt-get install python3 (with botocore: pip install botocore)",
  );
  const child = new Deno.Command(python, {
    args: ["-c", BOTOCORE_POST],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(cases.map(({ input }) => ({
    bucket: input.bucket,
    key: input.key,
    // botocore adds no condition for the extra fields: its docs ask the caller to.
    conditions: [
      ...input.conditions,
      ...Object.entries(input.fields).map(([k, v]) => ({ [k]: v })),
    ],
    fields: input.fields,
    expiresIn: input.expiresIn,
    credentials: input.credentials,
    region: input.region,
    time: input.date.getTime(),
  })))));
  await writer.close();
  const { success, stdout, stderr } = await child.output();
  assert.ok(success, new TextDecoder().decode(stderr));
  return JSON.parse(new TextDecoder().decode(stdout)) as {
    url: string;
    fields: Record<string, string>;
  }[];
}

/** A policy's conditions as comparable text: `eq` for simple ones, field names in lowercase. */
function normalized(policy: string) {
  const document = JSON.parse(
    new TextDecoder().decode(Uint8Array.from(atob(policy), (c) => c.charCodeAt(0))),
  );
  const conditions = (document.conditions as unknown[]).map((condition) => {
    if (!Array.isArray(condition)) {
      const [[name, value]] = Object.entries(condition as Record<string, string>);
      return JSON.stringify(["eq", "$" + name.toLowerCase(), value]);
    }
    const [operator, field, value] = condition;
    return JSON.stringify(
      operator === "content-length-range"
        ? condition
        : [operator, String(field).toLowerCase(), value],
    );
  });
  return { expiration: document.expiration, conditions: [...new Set(conditions)].sort() };
}

Deno.test(`botocore's generate_presigned_post signs the same policy; verifyPostPolicy takes its forms (${RUNS} random inputs)`, async () => {
  const cases = fc.sample(
    fc.tuple(arbitrarySatisfiablePost, fc.constantFrom(...REGIONS)).map(([post, region]) => ({
      ...post,
      input: { ...post.input, region, endpoint: undefined, useAccelerateEndpoint: false },
    })),
    { numRuns: RUNS, seed: Number(Deno.env.get("BOTOCORE_POST_SEED") ?? Date.now()) },
  );
  const answers = await botocorePosts(cases);
  assert.equal(answers.length, RUNS);
  for (const [index, post] of cases.entries()) {
    const botocore = answers[index];
    const ours = await presignPost(post.input);
    const decoded = atob(botocore.fields.policy);
    assert.ok(decoded.includes('", "'), "botocore's policy JSON has spaces after its separators");
    assert.deepEqual(normalized(ours.fields.Policy), normalized(botocore.fields.policy));
    const options = { ...verifyOptionsFor(post), region: post.input.region };
    const theirs = await verifyPostPolicy(satisfyingForm(botocore.fields, post), options);
    assert.ok(theirs.ok, `botocore's form: ${JSON.stringify(theirs)}`);
    const mine = await verifyPostPolicy(satisfyingForm(ours.fields, post), options);
    assert.ok(mine.ok, `presignPost's form: ${JSON.stringify(mine)}`);
    assert.equal(theirs.key, mine.key);
  }
});

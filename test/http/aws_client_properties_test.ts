import assert from "node:assert/strict";
import { AwsClient as Aws4fetchClient } from "aws4fetch";
import { AwsClient } from "../../src/http/aws_client.ts";
import { assertNoSecrets, SECRET_CREDENTIALS, SECRETS } from "../security/assert_no_secrets.ts";

const PROPERTIES = ["accessKeyId", "secretAccessKey", "sessionToken", "service", "region"] as const;

// aws4fetch 1.0.20 keeps each option as given: service and region stay undefined when they
// are inferred per request from the host, and an empty session token stays "".
type KeyOptions = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  service?: string;
  region?: string;
};
const optionSets: Record<string, KeyOptions> = {
  "every option": { ...SECRET_CREDENTIALS, service: "sqs", region: "eu-west-1" },
  "keys only (service and region inferred)": {
    accessKeyId: SECRET_CREDENTIALS.accessKeyId,
    secretAccessKey: SECRET_CREDENTIALS.secretAccessKey,
  },
  "an empty session token and service": {
    ...SECRET_CREDENTIALS,
    sessionToken: "",
    service: "",
    region: "us-west-2",
  },
};

for (const [name, options] of Object.entries(optionSets)) {
  Deno.test(`AwsClient exposes aws4fetch's five properties with its values: ${name}`, () => {
    const theirs = new Aws4fetchClient(options);
    const ours = new AwsClient(options);
    for (const property of PROPERTIES) {
      assert.equal(ours[property], theirs[property], property);
    }
  });
}

Deno.test("AwsClient given a credentials object exposes its keys", () => {
  const aws = new AwsClient({ credentials: SECRET_CREDENTIALS, region: "eu-west-1" });
  assert.equal(aws.accessKeyId, SECRET_CREDENTIALS.accessKeyId);
  assert.equal(aws.secretAccessKey, SECRETS.secretAccessKey);
  assert.equal(aws.sessionToken, SECRETS.sessionToken);
  assert.equal(aws.region, "eu-west-1");
  assert.equal(aws.service, undefined);
});

Deno.test("AwsClient given a credential provider has no keys to expose until it is called", () => {
  const aws = new AwsClient({ credentials: () => Promise.resolve(SECRET_CREDENTIALS) });
  assert.equal(aws.accessKeyId, undefined);
  assert.equal(aws.secretAccessKey, undefined);
  assert.equal(aws.sessionToken, undefined);
});

Deno.test("AwsClient shows neither secret key nor token in JSON, String, Deno.inspect or util.inspect", () => {
  const clients = {
    "keys": new AwsClient({ ...SECRET_CREDENTIALS, service: "sqs", region: "eu-west-1" }),
    "credentials object": new AwsClient({ credentials: SECRET_CREDENTIALS }),
  };
  for (const [name, aws] of Object.entries(clients)) {
    assertNoSecrets(`AwsClient from ${name}`, aws);
    assertNoSecrets(`AwsClient from ${name} inside an object`, { client: aws });
    assert.ok(!Object.keys(aws).includes("secretAccessKey"), name);
    // Still readable on purpose, as in aws4fetch.
    assert.equal(aws.secretAccessKey, SECRETS.secretAccessKey, name);
  }
});

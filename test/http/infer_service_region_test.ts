import assert from "node:assert/strict";
import fc from "fast-check";
import { AwsV4Signer } from "aws4fetch";
import { inferServiceRegion } from "../../src/http/infer_service_region.ts";

// What aws4fetch infers for the same request: its signer exposes the scope it chose.
function aws4fetchScope(url: string, headers: Record<string, string> = {}) {
  const signer = new AwsV4Signer({ url, headers, accessKeyId: "a", secretAccessKey: "b" });
  return { service: signer.service, region: signer.region };
}

function ours(url: string, headers: Record<string, string> = {}) {
  return inferServiceRegion(new URL(url), new Headers(headers));
}

// [url, expected service, expected region]: the expectations pin the behaviour down
// independently of aws4fetch, and each row is also compared with aws4fetch.
const TABLE: [string, string, string][] = [
  // Regional and global AWS endpoints.
  ["https://dynamodb.us-west-2.amazonaws.com/", "dynamodb", "us-west-2"],
  ["https://sts.amazonaws.com/", "sts", "us-east-1"],
  ["https://sts.eu-central-1.amazonaws.com/", "sts", "eu-central-1"],
  ["https://iam.amazonaws.com/", "iam", "us-east-1"],
  ["https://lambda.ap-southeast-2.amazonaws.com/2015-03-31/functions", "lambda", "ap-southeast-2"],
  ["https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items", "execute-api", "eu-west-1"],
  ["https://sqs.us-east-2.amazonaws.com/123456789012/queue", "sqs", "us-east-2"],
  ["https://kinesis.sa-east-1.amazonaws.com/", "kinesis", "sa-east-1"],
  ["https://monitoring.us-east-1.amazonaws.com/", "monitoring", "us-east-1"],
  ["https://es.eu-north-1.amazonaws.com/", "es", "eu-north-1"],
  ["https://search-domain-abc.us-west-1.es.amazonaws.com/_search", "es", "us-west-1"],
  // Prefixes whose signing name differs.
  ["https://email.us-east-1.amazonaws.com/", "ses", "us-east-1"],
  ["https://queue.amazonaws.com/", "sqs", "us-east-1"],
  ["https://us-east-2.queue.amazonaws.com/", "sqs", "us-east-2"],
  ["https://git-codecommit.us-east-1.amazonaws.com/v1/repos/x", "codecommit", "us-east-1"],
  ["https://pinpoint.eu-west-1.amazonaws.com/", "mobiletargeting", "eu-west-1"],
  ["https://appstream2.us-west-2.amazonaws.com/", "appstream", "us-west-2"],
  ["https://cloudhsmv2.us-east-1.amazonaws.com/", "cloudhsm", "us-east-1"],
  ["https://marketplace.us-east-1.amazonaws.com/", "aws-marketplace", "us-east-1"],
  ["https://personalize-runtime.us-east-1.amazonaws.com/", "personalize", "us-east-1"],
  ["https://mturk-requester-sandbox.us-east-1.amazonaws.com/", "mturk-requester", "us-east-1"],
  // S3: path style, virtual-host style, dual-stack, legacy s3-<region>, accelerate, FIPS.
  ["https://s3.amazonaws.com/bucket/key", "s3", "us-east-1"],
  ["https://s3.us-west-2.amazonaws.com/bucket/key", "s3", "us-west-2"],
  ["https://my-bucket.s3.amazonaws.com/key", "s3", "us-east-1"],
  ["https://my-bucket.s3.eu-west-3.amazonaws.com/a/b.txt", "s3", "eu-west-3"],
  ["https://my.dotted.bucket.s3.eu-west-3.amazonaws.com/a", "s3", "eu-west-3"],
  ["https://s3.dualstack.ap-south-1.amazonaws.com/bucket", "s3", "ap-south-1"],
  ["https://my-bucket.s3.dualstack.us-east-1.amazonaws.com/k", "s3", "us-east-1"],
  ["https://s3-us-west-2.amazonaws.com/bucket/key", "s3", "us-west-2"],
  ["https://s3-eu-west-1.amazonaws.com/bucket", "s3", "eu-west-1"],
  ["https://s3-external-1.amazonaws.com/bucket", "s3", "us-east-1"],
  ["https://s3-fips-us-gov-west-1.amazonaws.com/bucket", "s3", "us-gov-west-1"],
  ["https://s3-fips.us-gov-west-1.amazonaws.com/bucket", "s3", "us-gov-west-1"],
  ["https://my-bucket.s3-accelerate.amazonaws.com/key", "s3", "us-east-1"],
  ["https://my-bucket.s3-accelerate.dualstack.amazonaws.com/key", "s3", "us-east-1"],
  ["https://s3.cn-north-1.amazonaws.com.cn/bucket", "s3", "cn-north-1"],
  ["https://my-bucket.s3.cn-northwest-1.amazonaws.com.cn/key", "s3", "cn-northwest-1"],
  // aws4fetch quirk kept for parity: a bucket in front of a legacy s3-<region> host.
  ["https://my-bucket.s3-us-west-2.amazonaws.com/key", "my-bucket", "s3-us-west-2"],
  // FIPS, GovCloud and China.
  ["https://dynamodb-fips.us-gov-west-1.amazonaws.com/", "dynamodb", "us-gov-west-1"],
  ["https://sts-fips.us-east-1.amazonaws.com/", "sts", "us-east-1"],
  ["https://ec2.us-gov.amazonaws.com/", "ec2", "us-gov-west-1"],
  ["https://sts.us-gov-east-1.amazonaws.com/", "sts", "us-gov-east-1"],
  ["https://dynamodb.cn-north-1.amazonaws.com.cn/", "dynamodb", "cn-north-1"],
  // IoT: control plane, data plane, MQTT over WebSocket, jobs.
  ["https://iot.us-east-1.amazonaws.com/things", "execute-api", "us-east-1"],
  ["https://a1b2c3-ats.iot.eu-west-1.amazonaws.com/topics/t", "iotdata", "eu-west-1"],
  ["wss://a1b2c3-ats.iot.eu-west-1.amazonaws.com/mqtt", "iotdevicegateway", "eu-west-1"],
  ["https://data.iot.us-west-2.amazonaws.com/things/x/shadow", "iotdata", "us-west-2"],
  ["https://data.jobs.iot.us-west-2.amazonaws.com/things/x/jobs", "iot-jobs-data", "us-west-2"],
  // Autoscaling without X-Amz-Target.
  ["https://autoscaling.us-east-1.amazonaws.com/", "autoscaling", "us-east-1"],
  // Lambda function URLs and other on.aws hosts.
  ["https://abcdefghijklmnop.lambda-url.eu-central-1.on.aws/", "lambda", "eu-central-1"],
  ["https://something.else.on.aws/", "", "us-east-1"],
  // Cloudflare R2 and Backblaze B2.
  ["https://0123456789abcdef.r2.cloudflarestorage.com/bucket/key", "s3", "auto"],
  ["https://bucket.0123456789abcdef.r2.cloudflarestorage.com/key", "s3", "auto"],
  ["https://s3.us-west-004.backblazeb2.com/bucket/key", "s3", "us-west-004"],
  ["https://my-bucket.s3.eu-central-003.backblazeb2.com/key", "s3", "eu-central-003"],
  ["https://f000.backblazeb2.com/file/bucket/key", "", "us-east-1"],
  // Hosts that are not AWS: nothing to infer.
  ["http://127.0.0.1:9000/bucket/key", "", "us-east-1"],
  ["http://localhost:4566/", "", "us-east-1"],
  ["https://api.example.com/items", "", "us-east-1"],
  ["https://amazonaws.com/", "", "us-east-1"],
];

Deno.test("inferServiceRegion infers the expected scope for each known host family", () => {
  assert.ok(TABLE.length >= 40);
  for (const [url, service, region] of TABLE) {
    assert.deepEqual(ours(url), { service, region }, url);
  }
});

Deno.test("inferServiceRegion agrees with aws4fetch on every host of the table", () => {
  for (const [url] of TABLE) {
    assert.deepEqual(ours(url), aws4fetchScope(url), url);
  }
});

Deno.test("inferServiceRegion tells Auto Scaling services apart by X-Amz-Target, as aws4fetch", () => {
  const url = "https://autoscaling.eu-west-1.amazonaws.com/";
  const cases: [string, string][] = [
    ["AnyScaleFrontendService.DescribeScalableTargets", "application-autoscaling"],
    ["AnyScaleScalingPlannerFrontendService.DescribeScalingPlans", "autoscaling-plans"],
    ["SomethingElse.Operation", "autoscaling"],
  ];
  for (const [target, service] of cases) {
    const headers = { "X-Amz-Target": target };
    assert.deepEqual(ours(url, headers), { service, region: "eu-west-1" });
    assert.deepEqual(ours(url, headers), aws4fetchScope(url, headers));
  }
});

Deno.test("inferServiceRegion resolves a signing name only from its own table, not Object.prototype", () => {
  // aws4fetch looks prefixes up in an object literal, so this host yields the function
  // Object.prototype.constructor as its "service"; ours keeps the label.
  assert.deepEqual(ours("https://constructor.us-east-1.amazonaws.com/"), {
    service: "constructor",
    region: "us-east-1",
  });
  assert.equal(
    typeof aws4fetchScope("https://constructor.us-east-1.amazonaws.com/").service,
    "function",
  );
});

// Random hosts assembled from the labels that steer the inference, in every order.
const LABELS = [
  "s3",
  "s3-accelerate",
  "s3-us-west-2",
  "s3-fips-us-east-1",
  "s3-external-1",
  "dualstack",
  "us-gov",
  "us-east-1",
  "eu-west-3",
  "iot",
  "data",
  "jobs",
  "autoscaling",
  "queue",
  "email",
  "dynamodb-fips",
  "execute-api",
  "lambda-url",
  "my-bucket",
  "x",
  "sts",
  "r2",
  "s3-fips",
];
const SUFFIXES = [
  "amazonaws.com",
  "amazonaws.com.cn",
  "on.aws",
  "r2.cloudflarestorage.com",
  "backblazeb2.com",
  "example.com",
];

Deno.test("inferServiceRegion agrees with aws4fetch on random hosts built from significant labels", () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...LABELS), { minLength: 0, maxLength: 4 }),
      fc.constantFrom(...SUFFIXES),
      fc.constantFrom("/", "/mqtt", "/bucket/key"),
      fc.constantFrom("", "AnyScaleFrontendService.X", "AnyScaleScalingPlannerFrontendService.Y"),
      (labels, suffix, path, target) => {
        const url = `https://${[...labels, suffix].join(".")}${path}`;
        const headers: Record<string, string> = target ? { "x-amz-target": target } : {};
        assert.deepEqual(ours(url, headers), aws4fetchScope(url, headers), url);
      },
    ),
    { numRuns: 2000 },
  );
});

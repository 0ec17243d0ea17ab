// Every AWS error-answer shape, read by awsErrorFromResponse and by botocore's response
// parsers (botocore_error_parser.py, run with the machine's python3): the same code,
// message and request id. The bodies are AWS's documented shapes and moto's real answers
// (captured from moto_server 5.2), whatever their content type.
import assert from "node:assert/strict";
import { awsErrorFromResponse } from "../../src/http/errors.ts";
import { readErrorCode } from "../../src/http/error_code.ts";
import { findProgram } from "../find_program.ts";

/** An error answer and the wire protocol botocore reads it with. */
interface ErrorAnswer {
  readonly name: string;
  readonly protocol: "query" | "ec2" | "rest-xml" | "json" | "rest-json";
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const XML_PROLOG = '<?xml version="1.0" encoding="utf-8"?>\n';
const MOTO_HTML = { "content-type": "text/html; charset=utf-8" };

const ANSWERS: readonly ErrorAnswer[] = [
  {
    name: "moto's STS auth error: <ErrorResponse><Errors><Error>, served as text/html",
    protocol: "query",
    status: 403,
    headers: MOTO_HTML,
    body: XML_PROLOG +
      "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>The request " +
      "signature we calculated does not match the signature you provided.</Message>" +
      "<Type>Sender</Type></Error></Errors></ErrorResponse>",
  },
  {
    name: "moto's unknown key, the same shape with a request id",
    protocol: "query",
    status: 403,
    headers: MOTO_HTML,
    body: "<ErrorResponse><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security " +
      "token included in the request is invalid.</Message></Error></Errors>" +
      "<RequestId>0d7a9c1e-moto</RequestId></ErrorResponse>",
  },
  {
    name: "STS: <ErrorResponse><Error> with a namespace",
    protocol: "query",
    status: 403,
    headers: { "content-type": "text/xml" },
    body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error>' +
      "<Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:" +
      "user/u is not authorized to perform: sts:AssumeRole</Message></Error>" +
      "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>",
  },
  {
    name: "SQS (Query): a lower-case <message> beside <Message>",
    protocol: "query",
    status: 400,
    headers: { "content-type": "text/xml" },
    body: '<ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error>' +
      "<Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The " +
      "specified queue does not exist for this wsdl version.</Message><message>The specified " +
      "queue does not exist.</message></Error><RequestId>pp8YsHmq3huRLYKUSB5G</RequestId>" +
      "</ErrorResponse>",
  },
  {
    name: "EC2: <Response><Errors><Error> and RequestID",
    protocol: "ec2",
    status: 400,
    headers: { "content-type": "text/xml;charset=UTF-8" },
    body: XML_PROLOG +
      "<Response><Errors><Error><Code>InvalidInstanceID.Malformed</Code><Message>Invalid id: " +
      '"i-1"</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID>' +
      "</Response>",
  },
  {
    name: "S3: <Error> at the root, request id also in x-amz-request-id",
    protocol: "rest-xml",
    status: 404,
    headers: { "content-type": "application/xml", "x-amz-request-id": "4442587FB7D0A2F9" },
    body: XML_PROLOG +
      "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>" +
      "<Key>a/b</Key><RequestId>4442587FB7D0A2F9</RequestId><HostId>eftixk72aD6Ap51TnqcoF8e" +
      "Fidj</HostId></Error>",
  },
  {
    name: "Route 53 (REST-XML): <ErrorResponse><Error>, no content type",
    protocol: "rest-xml",
    status: 400,
    headers: {},
    body: '<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error>' +
      "<Type>Sender</Type><Code>InvalidInput</Code><Message>Invalid resource type: foo" +
      "</Message></Error><RequestId>request-id</RequestId></ErrorResponse>",
  },
  {
    name: "DynamoDB (JSON): a namespaced __type",
    protocol: "json",
    status: 400,
    headers: { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": "FaRKqWVH" },
    body: '{"__type": "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", ' +
      '"message": "Requested resource not found"}',
  },
  {
    name: "SQS (JSON, query-compatible): the x-amzn-query-error code wins",
    protocol: "json",
    status: 400,
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amzn-errortype": "com.amazonaws.sqs#QueueDoesNotExist",
      "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender",
      "x-amzn-requestid": "RtIEfzLILzHzQs7X",
    },
    body: '{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue ' +
      'does not exist.", "Message": "The specified queue does not exist."}',
  },
  {
    name: "JSON with Message and a code suffix, served as text/plain",
    protocol: "json",
    status: 400,
    headers: { "content-type": "text/plain" },
    body: '{"__type":"ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral/",' +
      '"Message":"Rate exceeded"}',
  },
  {
    name: "REST-JSON: the code in x-amzn-errortype, the message in the body",
    protocol: "rest-json",
    status: 400,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype":
        "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      "x-amzn-requestid": "b2f5c7e1",
    },
    body: '{"message":"1 validation error detected"}',
  },
  {
    name: "REST-JSON: a code member in the body",
    protocol: "rest-json",
    status: 404,
    headers: { "content-type": "application/json" },
    body: '{"code":"ResourceNotFoundException","message":"Function not found"}',
  },
];

interface BotocoreReading {
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
}

async function botocoreReadings(answers: readonly ErrorAnswer[]): Promise<BotocoreReading[]> {
  const python = await findProgram("python3", "apt-get install -y python3 python3-botocore");
  const child = new Deno.Command(python, {
    args: [new URL("./botocore_error_parser.py", import.meta.url).pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(answers)));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const errors = new TextDecoder().decode(stderr);
  assert.equal(code, 0, `${python} could not run botocore's parsers: ${errors}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

function response(answer: ErrorAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

Deno.test("awsErrorFromResponse reads every AWS error shape as botocore does", async () => {
  const readings = await botocoreReadings(ANSWERS);
  for (const [i, answer] of ANSWERS.entries()) {
    const expected = readings[i];
    const error = await awsErrorFromResponse(response(answer));
    assert.notEqual(expected.code, "", `botocore found no code in ${answer.name}`);
    assert.equal(error.code, expected.code, answer.name);
    assert.equal(error.message, `${expected.code}: ${expected.message}`, answer.name);
    assert.equal(error.status, answer.status, answer.name);
    // botocore takes the request id from the body for XML protocols and from the header
    // for JSON ones; iamfetch takes the header first and the body next, so where botocore
    // found one both agree.
    if (expected.requestId !== "") assert.equal(error.requestId, expected.requestId, answer.name);
  }
});

Deno.test("readErrorCode, which decides retries, finds the same code as awsErrorFromResponse", async () => {
  for (const answer of ANSWERS) {
    const error = await awsErrorFromResponse(response(answer));
    assert.equal(await readErrorCode(response(answer)), error.code, answer.name);
  }
});

Deno.test("an unreadable answer is InvalidResponse naming status and content type, not the body", async () => {
  for (
    const [body, type] of [
      ["<html><body><b>Http/1.1 Service Unavailable</b></body></html>", "text/html"],
      [
        "<ErrorResponse><Errors><Error><Message>no code</Message></Error></Errors></ErrorResponse>",
        "text/xml",
      ],
      ["<ErrorResponse><Errors><Error><Code>Cut", "text/xml"],
      ['{"message":"no code here"}', "application/json"],
      ["Service Unavailable", "text/plain"],
    ]
  ) {
    const error = await awsErrorFromResponse(
      new Response(body, { status: 503, headers: { "content-type": type } }),
    );
    assert.equal(error.code, "InvalidResponse", body);
    assert.match(error.message, new RegExp(`HTTP 503 .*\\(${type.replace("/", "\\/")}\\)`));
    assert.ok(!error.message.includes(body), body);
    assert.equal(error.retryable, true);
  }
});

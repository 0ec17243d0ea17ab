/**
 * Secrets-sweep cases of the HTTP and STS layers: failures while the request carries a
 * session token (also in a presigned URL), an MFA code, a web identity token or a SAML
 * assertion, and STS answers that are cut off or incomplete while holding a secret.
 *
 * @module
 */
import { AwsClient } from "../../src/http/aws_client.ts";
import { sendAwsRequest } from "../../src/http/send_aws_request.ts";
import { SigV4Signer } from "../../src/sigv4/signer.ts";
import { StsClient } from "../../src/sts/mod.ts";
import { SECRET_CREDENTIALS, type SecretCase, SECRETS } from "./assert_no_secrets.ts";

/** Nothing listens on the discard port of loopback: connections are refused. */
const CLOSED = "http://127.0.0.1:9";

/** A fetch answering every request with `body` and `status`. */
export function answering(body: BodyInit, status = 200): typeof fetch {
  return (input, init) => {
    void new Request(input, init).body?.cancel();
    return Promise.resolve(new Response(body, { status, headers: { "content-type": "text/xml" } }));
  };
}

/** A fetch whose answer's body breaks off after `prefix`. */
export function cutOffAfter(prefix: string): typeof fetch {
  return (input, init) => {
    void new Request(input, init).body?.cancel();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(prefix));
        controller.error(new TypeError("error reading a body from connection"));
      },
    });
    return Promise.resolve(new Response(body, { status: 200 }));
  };
}

const sts = (fetch?: typeof globalThis.fetch) =>
  new StsClient({
    credentials: SECRET_CREDENTIALS,
    endpoint: CLOSED,
    fetch,
    maxAttempts: 1,
    timeoutMs: 2_000,
  });

const CREDENTIALS_XML = `<AssumeRoleResponse><AssumeRoleResult><Credentials>
<SecretAccessKey>${SECRETS.secretAccessKey}</SecretAccessKey>
<SessionToken>${SECRETS.sessionToken}</SessionToken>
<Expiration>not a date</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`;

/** The HTTP and STS cases. */
export const HTTP_STS_CASES: readonly SecretCase[] = [
  {
    name: "AwsClient presigned fetch to a closed port (token in the URL)",
    run: () =>
      new AwsClient({
        ...SECRET_CREDENTIALS,
        service: "execute-api",
        region: "us-east-1",
        retries: 0,
      }).fetch(`${CLOSED}/items`, { aws: { signQuery: true } }),
  },
  {
    name: "AwsClient with a failing credential provider",
    run: () =>
      new AwsClient({
        credentials: () => Promise.reject(new Error("no credentials here")),
        service: "execute-api",
        region: "us-east-1",
      }).fetch(`${CLOSED}/items`),
  },
  {
    name: "sendAwsRequest of a signed request to a closed port",
    run: () =>
      sendAwsRequest(new Request(`${CLOSED}/x?token=1`), {
        signer: new SigV4Signer({
          credentials: SECRET_CREDENTIALS,
          region: "us-east-1",
          service: "execute-api",
        }),
        maxAttempts: 1,
      }),
  },
  {
    name: "STS AssumeRole with an MFA code, connection refused",
    run: () =>
      sts().assumeRole({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
        SerialNumber: "arn:aws:iam::123456789012:mfa/me",
        TokenCode: SECRETS.mfaCode,
      }),
  },
  {
    name: "STS AssumeRole with an MFA code, answered AccessDenied",
    run: () =>
      sts(answering(
        "<ErrorResponse><Error><Code>AccessDenied</Code><Message>MFA failed</Message></Error></ErrorResponse>",
        403,
      )).assumeRole({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
        SerialNumber: "arn:aws:iam::123456789012:mfa/me",
        TokenCode: SECRETS.mfaCode,
      }),
  },
  {
    name: "STS AssumeRoleWithWebIdentity, connection refused",
    run: () =>
      sts().assumeRoleWithWebIdentity({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
        WebIdentityToken: SECRETS.webIdentityToken,
      }),
  },
  {
    name: "STS AssumeRoleWithWebIdentity answered by an HTML proxy page",
    run: () =>
      sts(answering("<html><body>proxy</body></html>", 502)).assumeRoleWithWebIdentity({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
        WebIdentityToken: SECRETS.webIdentityToken,
      }),
  },
  {
    name: "STS AssumeRoleWithSAML, connection refused",
    run: () =>
      sts().assumeRoleWithSaml({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        PrincipalArn: "arn:aws:iam::123456789012:saml-provider/idp",
        SAMLAssertion: SECRETS.samlAssertion,
      }),
  },
  {
    name: "STS AssumeRole answer with incomplete credentials",
    run: () =>
      sts(answering(CREDENTIALS_XML)).assumeRole({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
      }),
  },
  {
    name: "STS AssumeRole answer cut off midway",
    run: () =>
      sts(cutOffAfter(CREDENTIALS_XML.slice(0, 200))).assumeRole({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
      }),
  },
  {
    name: "STS AssumeRole answer with a DOCTYPE around the credentials",
    run: () =>
      sts(answering(`<!DOCTYPE x [<!ENTITY a "b">]>${CREDENTIALS_XML}`)).assumeRole({
        RoleArn: "arn:aws:iam::123456789012:role/r",
        RoleSessionName: "s",
      }),
  },
];

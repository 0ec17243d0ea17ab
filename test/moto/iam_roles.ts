/**
 * IAM roles in moto, made through iamfetch's `AwsClient`: moto answers S3 calls signed with
 * a role's credentials with 500 unless the role exists in its IAM, with a policy.
 *
 * @module
 */
import { AwsClient, awsErrorFromResponse, type Credentials } from "../../mod.ts";
import type { MotoServer } from "./moto_server.ts";

const ALLOW_ALL = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});

/**
 * Creates the role `name` (anyone may assume it) with an allow-all inline
 * policy, signed with `credentials`; returns its ARN.
 */
export async function createRole(
  moto: MotoServer,
  credentials: Credentials,
  name: string,
): Promise<string> {
  const iam = new AwsClient({ credentials, service: "iam", region: "us-east-1", retries: 0 });
  const call = async (params: Record<string, string>) => {
    const answer = await iam.fetch(`${moto.endpoint}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: botocoreFormBody({ ...params, Version: "2010-05-08" }),
    });
    if (!answer.ok) throw await awsErrorFromResponse(answer);
    await answer.body?.cancel();
  };
  const trust = {
    Version: "2012-10-17",
    Statement: [{
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "sts:AssumeRole",
    }],
  };
  await call({
    Action: "CreateRole",
    RoleName: name,
    AssumeRolePolicyDocument: JSON.stringify(trust),
  });
  await call({
    Action: "PutRolePolicy",
    RoleName: name,
    PolicyName: "all",
    PolicyDocument: ALLOW_ALL,
  });
  return `arn:aws:iam::${moto.accountId}:role/${name}`;
}

/**
 * A form body encoded as botocore (Python's `urlencode`) encodes it. Moto re-encodes the
 * form it received that way before hashing the payload for its signature check, so a body
 * encoded otherwise — `URLSearchParams` leaves `*` as is and writes `~` as `%7E`, Python the
 * other way round — fails its check although AWS, which hashes the bytes it received, would
 * accept it. A moto limit, not the library's: iamfetch signs the bytes it sends.
 */
function botocoreFormBody(params: Record<string, string>): string {
  const encode = (text: string) =>
    encodeURIComponent(text)
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, "+");
  return Object.entries(params).map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join("&");
}

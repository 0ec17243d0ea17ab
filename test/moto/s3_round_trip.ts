/**
 * The check the moto tests make of credentials STS issued: S3 accepts their signatures.
 *
 * @module
 */
import assert from "node:assert/strict";
import { AwsClient, awsErrorFromResponse, type Credentials } from "../../mod.ts";
import { randomBytes, randomInt, unreservedName } from "./random_input.ts";

/** PUTs and GETs one random object in `bucket` with `credentials`; moto checks both signatures. */
export async function assertS3RoundTrip(
  endpoint: string,
  bucket: string,
  credentials: Credentials,
): Promise<void> {
  const s3 = new AwsClient({ credentials, service: "s3", region: "us-east-1", retries: 0 });
  const url = `${endpoint}/${bucket}/${unreservedName(24)}`;
  const body = randomBytes(randomInt(1, 20_000));
  const put = await s3.fetch(url, { method: "PUT", body });
  assert.equal(put.status, 200, `PUT: ${(await awsErrorFromResponse(put)).message}`);
  assert.deepEqual(new Uint8Array(await (await s3.fetch(url)).arrayBuffer()), body);
}

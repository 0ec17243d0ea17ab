/**
 * iamfetch: AWS authentication for every JavaScript runtime that has `fetch` and
 * WebCrypto — SigV4 signing, presigning and verification, an aws4fetch-compatible
 * `AwsClient` with retries, credential providers (environment, shared config files, SSO,
 * IMDS, containers, web identity, assumed roles), an STS client, and auth tokens for data
 * services (RDS, Aurora DSQL, Redshift, Keyspaces, ElastiCache, MSK, EKS).
 *
 * @example
 * ```ts
 * import { AwsClient, SigV4Signer } from "@iamfetch/iamfetch";
 * import { assert, assertEquals } from "@std/assert";
 *
 * const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
 * const signer = new SigV4Signer({ credentials, region: "us-east-1", service: "execute-api" });
 * const url = await signer.presign(new Request("https://api.example.com/report"), { expiresIn: 300 });
 * assert(url.searchParams.has("X-Amz-Signature"));
 *
 * const aws = new AwsClient({ credentials, region: "eu-west-1", service: "execute-api" });
 * assertEquals(typeof aws.fetch, "function");
 * ```
 *
 * @module
 */
export * from "./src/sigv4/mod.ts";
export * from "./src/http/mod.ts";
export * from "./src/credentials/mod.ts";
export * from "./src/sts/mod.ts";
export * from "./src/tokens/mod.ts";
export * from "./src/web_identity/mod.ts";
export * from "./src/saml/mod.ts";
export * from "./src/config/mod.ts";

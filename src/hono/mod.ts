/**
 * Hono middleware that verifies AWS SigV4 on incoming requests, to build S3-, STS- or
 * API-Gateway-style services that the AWS SDKs, the AWS CLI, aws4fetch and iamfetch can
 * call: header and presigned signatures, signed, unsigned and `aws-chunked` payloads,
 * clock skew and presign expiry, S3-style XML errors.
 *
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { sigv4Auth, type SigV4AuthEnv } from "@iamfetch/iamfetch/hono";
 * import { assertEquals } from "@std/assert";
 *
 * const app = new Hono<SigV4AuthEnv>();
 * app.use("*", sigv4Auth({ secretFor: (id) => id === "AKIDEXAMPLE" ? "secret" : undefined, service: "s3" }));
 * app.put("/:bucket/:key{.+}", async (c) => c.text(`stored ${(await c.req.arrayBuffer()).byteLength} bytes`));
 * const response = await app.request("http://localhost/bucket/key", { method: "PUT", body: "x" });
 * assertEquals(response.status, 403);
 * ```
 *
 * @module
 */
export {
  sigv4Auth,
  type SigV4AuthContext,
  type SigV4AuthEnv,
  type SigV4AuthMiddleware,
  type SigV4AuthOptions,
  type SigV4Caller,
  type SigV4Secret,
} from "./sigv4_auth.ts";
export { type XmlErrorInit, xmlErrorResponse } from "./xml_error.ts";
export type { VerifiedRequest } from "../sigv4/mod.ts";

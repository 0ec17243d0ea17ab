import { Hono } from "hono";
import { xmlErrorResponse } from "../../../src/hono/mod.ts";
import { toHex } from "../../../src/_shared/bytes/hex.ts";
import type { EmulatorEnv } from "../emulator_env.ts";
import type { EmulatorState } from "../state.ts";

/** An object stored by the S3-style endpoint. */
export interface S3Object {
  /** The object's bytes, decoded when uploaded `aws-chunked`. */
  readonly body: Uint8Array;
  /** The `content-type` it was uploaded with. */
  readonly contentType: string;
  /** The quoted ETag answered on PUT and GET. */
  readonly etag: string;
  /** The `x-amz-content-sha256` of the upload: a hash, `UNSIGNED-PAYLOAD` or a `STREAMING-…` mode. */
  readonly payloadMode: string;
  /** The access key id that uploaded it. */
  readonly uploadedBy: string;
}

/**
 * An S3-style object endpoint, mounted at `/s3`: `PUT /s3/<bucket>/<key>` stores the
 * body (plain signed, `UNSIGNED-PAYLOAD`, or `aws-chunked` in any streaming mode, decoded
 * and verified chunk by chunk by the verify middleware), `GET` returns it, and a missing
 * key is S3's `NoSuchKey`. Objects live in `state.s3Objects` under `<bucket>/<key>`.
 *
 * @example
 * ```ts
 * app.route("/s3", s3ObjectRoutes(state));
 * ```
 */
export function s3ObjectRoutes(state: EmulatorState): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.put("/:bucket/:key{.+}", async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    // S3's ETag of a single-part upload is the MD5 of the body; WebCrypto has no MD5,
    // so the emulator's is a (quoted, 32 hex digit) SHA-256 prefix.
    const digest = await crypto.subtle.digest("SHA-256", body);
    const etag = `"${toHex(new Uint8Array(digest)).slice(0, 32)}"`;
    state.s3Objects.set(`${c.req.param("bucket")}/${c.req.param("key")}`, {
      body,
      contentType: c.req.header("content-type") ?? "binary/octet-stream",
      etag,
      payloadMode: c.req.header("x-amz-content-sha256") ?? "",
      uploadedBy: c.get("verified").accessKeyId,
    });
    return c.body(null, 200, { etag });
  });
  routes.get("/:bucket/:key{.+}", (c) => {
    const object = state.s3Objects.get(`${c.req.param("bucket")}/${c.req.param("key")}`);
    if (object === undefined) {
      return xmlErrorResponse({
        status: 404,
        code: "NoSuchKey",
        message: "The specified key does not exist.",
        requestId: c.get("requestId"),
      });
    }
    return c.body(object.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": object.contentType,
      etag: object.etag,
    });
  });
  return routes;
}

import type { Context } from "hono";
import { escapeXml } from "../aws_error.ts";
import type { EmulatorEnv } from "../emulator_env.ts";
import type { EmulatorState } from "../state.ts";

/**
 * S3's POST Object (browser form uploads) at `POST /s3/<bucket>`, checked the way S3
 * documents it and written apart from iamfetch's `verifyPostPolicy` (WebCrypto's HMAC, its
 * own policy reading), so a bug in one is not mirrored by the other: the SigV4 signature of
 * the `policy` field under the identity's secret, the policy's expiration on the emulator's
 * clock, every condition (`eq`, `starts-with`, `content-length-range`, with `${filename}`
 * expanded and field names in any case), and no field left uncovered but the exempt ones.
 * A good upload is stored in `state.s3Objects` (read it back with a signed
 * `GET /s3/<bucket>/<key>`) and answered 204, or as `success_action_status` /
 * `success_action_redirect` ask; a bad one gets S3's error XML.
 *
 * @example
 * ```ts
 * app.post("/s3/:bucket", s3PostObjectHandler(state));
 * ```
 */
export function s3PostObjectHandler(state: EmulatorState) {
  return async (c: Context<EmulatorEnv>): Promise<Response> => {
    const bucket = c.req.param("bucket") as string;
    const form = await c.req.formData().catch(() => undefined);
    if (form === undefined) {
      return s3Error(
        c,
        400,
        "MalformedPOSTRequest",
        "The body of your POST request is not well-formed multipart/form-data.",
      );
    }
    const fields = new Map<string, string>();
    let file: File | undefined;
    for (const [name, value] of form) {
      if (name.toLowerCase() === "file") {
        file ??= value instanceof File ? value : new File([value], "");
        continue;
      }
      if (file === undefined && typeof value === "string") fields.set(name.toLowerCase(), value);
    }
    if (file === undefined) {
      return s3Error(
        c,
        400,
        "InvalidArgument",
        "POST requires exactly one file upload per request.",
      );
    }
    const failure = await checkForm(state, bucket, fields, file);
    if (failure) return s3Error(c, ...failure);

    const key = fields.get("key")!;
    const body = new Uint8Array(await file.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", body));
    const etag = `"${
      [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("")
    }"`;
    state.s3Objects.set(`${bucket}/${key}`, {
      body,
      contentType: fields.get("content-type") ?? "binary/octet-stream",
      etag,
      payloadMode: "POST",
      uploadedBy: fields.get("x-amz-credential")!.split("/")[0],
    });
    return answer(c, bucket, key, etag, fields);
  };
}

type Failure = [status: 400 | 403, code: string, message: string, extra?: Record<string, number>];

/** Every check S3 makes of a signed form, in its order; the first failure, or none. */
async function checkForm(
  state: EmulatorState,
  bucket: string,
  fields: Map<string, string>,
  file: File,
): Promise<Failure | undefined> {
  for (
    const name of [
      "X-Amz-Algorithm",
      "X-Amz-Credential",
      "X-Amz-Date",
      "X-Amz-Signature",
      "Policy",
      "key",
    ]
  ) {
    if (!fields.has(name.toLowerCase())) {
      return [
        400,
        "InvalidArgument",
        `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
      ];
    }
  }
  const [accessKeyId, day, region] = fields.get("x-amz-credential")!.split("/");
  const identity = state.identities.get(accessKeyId);
  if (identity === undefined) {
    return [
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
    ];
  }
  if (
    identity.sessionToken !== undefined &&
    fields.get("x-amz-security-token") !== identity.sessionToken
  ) {
    return [403, "InvalidToken", "The provided token is malformed or otherwise invalid."];
  }
  const policyField = fields.get("policy")!;
  const expected = await policySignature(identity.secretAccessKey, day, region, policyField);
  if (expected !== fields.get("x-amz-signature")) {
    return [
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    ];
  }
  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(atob(policyField), (ch) => ch.charCodeAt(0))),
    );
  } catch {
    return [400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON."];
  }
  if (typeof policy.expiration !== "string" || !Array.isArray(policy.conditions)) {
    return [
      400,
      "InvalidPolicyDocument",
      "Invalid Policy: Policy missing expiration or conditions.",
    ];
  }
  if (Date.parse(policy.expiration) < state.now().getTime()) {
    return [403, "AccessDenied", "Invalid according to Policy: Policy expired."];
  }
  const filename = file.name.split(/[/\\]/).pop() ?? "";
  const value = (name: string) =>
    name === "bucket" ? bucket : fields.get(name)?.replaceAll("${filename}", filename);
  const covered = new Set<string>();
  for (const condition of policy.conditions) {
    const [operator, field, expectedValue] = Array.isArray(condition)
      ? condition
      : ["eq", "$" + Object.keys(condition)[0], Object.values(condition)[0]];
    if (String(operator).toLowerCase() === "content-length-range") {
      if (file.size > Number(expectedValue)) {
        return [400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", {
          ProposedSize: file.size,
          MaxSizeAllowed: Number(expectedValue),
        }];
      }
      if (file.size < Number(field)) {
        return [
          400,
          "EntityTooSmall",
          "Your proposed upload is smaller than the minimum allowed size",
          { ProposedSize: file.size, MinSizeAllowed: Number(field) },
        ];
      }
      continue;
    }
    const name = String(field).slice(1).toLowerCase();
    covered.add(name);
    const actual = value(name);
    const ok = actual !== undefined &&
      (String(operator).toLowerCase() === "eq"
        ? actual === expectedValue
        : actual.startsWith(String(expectedValue)));
    if (!ok) {
      return [
        403,
        "AccessDenied",
        `Invalid according to Policy: Policy Condition failed: [${
          [operator, field, expectedValue].map((x) => JSON.stringify(x)).join(", ")
        }]`,
      ];
    }
  }
  for (const name of fields.keys()) {
    if (
      !covered.has(name) && !["policy", "x-amz-signature"].includes(name) &&
      !name.startsWith("x-ignore-")
    ) {
      return [403, "AccessDenied", `Invalid according to Policy: Extra input fields: ${name}`];
    }
  }
  fields.set("key", value("key")!);
  return undefined;
}

/** Hex HMAC-SHA256 of the policy text under the SigV4 key of (secret, day, region, s3). */
async function policySignature(secret: string, day: string, region: string, policy: string) {
  let key: ArrayBuffer = new TextEncoder().encode("AWS4" + secret).buffer as ArrayBuffer;
  for (const part of [day, region, "s3", "aws4_request", policy]) {
    const hmac = await crypto.subtle.importKey(
      "raw",
      key,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    key = await crypto.subtle.sign("HMAC", hmac, new TextEncoder().encode(part));
  }
  return [...new Uint8Array(key)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** S3's answer to a stored upload: a redirect, a 201 with `PostResponse`, or an empty 200/204. */
function answer(
  c: Context<EmulatorEnv>,
  bucket: string,
  key: string,
  etag: string,
  fields: Map<string, string>,
) {
  const location = `${new URL(c.req.url).origin}/s3/${bucket}/${encodeURIComponent(key)}`;
  const redirect = fields.get("success_action_redirect") ?? fields.get("redirect");
  if (redirect !== undefined && URL.canParse(redirect)) {
    const target = new URL(redirect);
    target.searchParams.append("bucket", bucket);
    target.searchParams.append("key", key);
    target.searchParams.append("etag", etag);
    return new Response(null, { status: 303, headers: { location: target.href, etag } });
  }
  const status = fields.get("success_action_status");
  if (status === "201") {
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<PostResponse>' +
      `<Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket>` +
      `<Key>${escapeXml(key)}</Key><ETag>${escapeXml(etag)}</ETag></PostResponse>`;
    return new Response(body, {
      status: 201,
      headers: { "content-type": "application/xml", etag, location },
    });
  }
  return new Response(null, { status: status === "200" ? 200 : 204, headers: { etag, location } });
}

/** S3's error document: code, message, the code's extra elements, request id. */
function s3Error(
  c: Context<EmulatorEnv>,
  status: number,
  code: string,
  message: string,
  extra: Record<string, number> = {},
) {
  const requestId = c.get("requestId") ?? crypto.randomUUID();
  const elements = Object.entries(extra).map(([name, value]) => `<${name}>${value}</${name}>`).join(
    "",
  );
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message>${elements}<RequestId>${
      escapeXml(requestId)
    }</RequestId></Error>`;
  return new Response(body, {
    status,
    headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
  });
}

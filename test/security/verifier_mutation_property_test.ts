// The verifier against an attacker who holds one signed request: random requests signed (and
// presigned) by @smithy/signature-v4, the AWS SDK's signer, then changed in what the attacker
// controls — added x-amz-* headers, added or reordered parameters, the `+` / `%20` / `%2B`
// and other percent forms of the query, path forms, payload declarations, the body. Each
// mutant is refused, or verifies and provably reaches the handler unchanged: the same method,
// decoded path segments, query pairs, x-amz-* and signed headers, payload label, and body
// when the label says it is signed. `MUTATION_RUNS` raises the case count.
import assert from "node:assert/strict";
import fc from "fast-check";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { type VerifyResult, verifySignature } from "../../src/sigv4/mod.ts";
import {
  arbitraryRequest,
  type RequestDescription,
  sdkEncode,
  toRequest,
  toSmithyRequest,
} from "../sigv4/arbitrary_request.ts";

const RUNS = Number(Deno.env.get("MUTATION_RUNS") ?? 1000);

type Mutation =
  | "unsigned amz header"
  | "extra parameter"
  | "signature look-alike"
  | "reordered parameters"
  | "plus for %20"
  | "%20 for plus"
  | "plus for %2B"
  | "unreserved escaped"
  | "lowercase escapes"
  | "empty path segment"
  | "escaped path character"
  | "trailing slash"
  | "unsigned payload header"
  | "unsigned payload parameter"
  | "streaming declaration"
  | "other body";

const MUTATIONS: Mutation[] = [
  "unsigned amz header",
  "extra parameter",
  "signature look-alike",
  "reordered parameters",
  "plus for %20",
  "%20 for plus",
  "plus for %2B",
  "unreserved escaped",
  "lowercase escapes",
  "empty path segment",
  "escaped path character",
  "trailing slash",
  "unsigned payload header",
  "unsigned payload parameter",
  "streaming declaration",
  "other body",
];

/** Everything a handler can read that the signature is meant to cover. */
interface HandlerView {
  method: string;
  path: string[];
  query: string[];
  headers: string[];
  declaration: string | null;
  payload: string;
  body: string | null;
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray '%', read as written
  }
}

async function handlerView(request: Request, verdict: VerifyResult): Promise<HandlerView> {
  const url = new URL(request.url);
  const signedNames = new Set(verdict.ok ? verdict.signedHeaders : []);
  const payload = verdict.ok ? verdict.payload : "refused";
  return {
    method: request.method,
    // As a router reads it: segment by segment, percent escapes decoded.
    path: url.pathname.split("/").map(decodedSegment),
    query: [...url.searchParams].filter(([key]) => key !== "X-Amz-Signature").map(([k, v]) =>
      JSON.stringify([k, v])
    ).sort(),
    // x-amz-content-sha256 may come unsigned (S3 tolerates it: its value is the payload line
    // of the canonical request); what it means is the declaration, from the query or header.
    headers: [...request.headers].filter(([name]) =>
      name !== "x-amz-content-sha256" && (name.startsWith("x-amz-") || signedNames.has(name))
    ).map(([k, v]) => JSON.stringify([k, v])).sort(),
    declaration:
      [...url.searchParams].find(([key]) => key.toLowerCase() === "x-amz-content-sha256")?.[1] ??
        request.headers.get("x-amz-content-sha256"),
    payload,
    body: payload === "signed" ? await request.clone().text() : null,
  };
}

function smithyFor(description: RequestDescription): SignatureV4 {
  const { credentials, region, service } = description;
  return new SignatureV4({
    credentials,
    region,
    service,
    sha256: Sha256,
    uriEscapePath: service !== "s3",
    applyChecksum: service === "s3",
  });
}

/** The request smithy signs, as a `Request`: header-signed, or presigned into its URL. */
async function signedBySmithy(description: RequestDescription, presign: boolean) {
  const request = toRequest(description);
  const reference = toSmithyRequest(request, description.body);
  const smithy = smithyFor(description);
  if (!presign) {
    const signed = await smithy.sign(reference, { signingDate: description.date });
    return new Request(request.url, {
      method: request.method,
      headers: signed.headers,
      body: description.body,
    });
  }
  // As @aws-sdk/s3-request-presigner does: S3 URLs sign UNSIGNED-PAYLOAD, hoisted into the query.
  if (description.service === "s3" && !request.headers.has("x-amz-content-sha256")) {
    reference.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD";
  }
  const signed = await smithy.presign(reference, {
    signingDate: description.date,
    expiresIn: description.expiresIn,
  });
  const url = new URL(request.url);
  url.search = Object.entries(signed.query ?? {}).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) =>
      v === null ? sdkEncode(key) : `${sdkEncode(key)}=${sdkEncode(v as string)}`
    )
  ).join("&");
  // What the presigned URL's user sends: the headers smithy left as signed headers.
  const headers = new Headers(signed.headers);
  headers.delete("host");
  return new Request(url, { method: request.method, headers, body: description.body });
}

function withUrl(request: Request, url: string): Request {
  return new Request(url, request.clone());
}

function withHeader(request: Request, name: string, value: string): Request {
  const copy = new Request(request.clone());
  copy.headers.set(name, value);
  return copy;
}

/** Rewrites the raw query string: the forms a proxy or an attacker may send. */
function rewriteQuery(request: Request, rewrite: (search: string) => string): Request | null {
  const url = request.url;
  const at = url.indexOf("?");
  if (at === -1) return null;
  const rewritten = url.slice(0, at + 1) + rewrite(url.slice(at + 1));
  return rewritten === url ? null : withUrl(request, rewritten);
}

function mutate(request: Request, mutation: Mutation, presigned: boolean): Request | null {
  const url = new URL(request.url);
  switch (mutation) {
    case "unsigned amz header":
      return withHeader(request, "x-amz-acl", "public-read-write");
    case "extra parameter":
      return withUrl(request, url.href + (url.search ? "&" : "?") + "admin=true");
    case "signature look-alike":
      return withUrl(request, url.href + (url.search ? "&" : "?") + "x-amz-signature=0");
    case "reordered parameters":
      return rewriteQuery(request, (search) => search.split("&").reverse().join("&"));
    case "plus for %20":
      return rewriteQuery(request, (search) => search.replaceAll("%20", "+"));
    case "%20 for plus":
      return rewriteQuery(request, (search) => search.replaceAll("+", "%20"));
    case "plus for %2B":
      return rewriteQuery(request, (search) => search.replaceAll("%2B", "+"));
    case "unreserved escaped":
      return rewriteQuery(
        request,
        (search) => search.replace(/[a-z]/, (c) => "%" + c.charCodeAt(0).toString(16)),
      );
    case "lowercase escapes":
      return rewriteQuery(
        request,
        (search) => search.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
      );
    case "empty path segment":
      return withUrl(request, url.origin + "/" + url.pathname + url.search);
    case "escaped path character": {
      const escaped = url.pathname.replace(/[a-z]/, (c) => "%" + c.charCodeAt(0).toString(16));
      return escaped === url.pathname ? null : withUrl(request, url.origin + escaped + url.search);
    }
    case "trailing slash":
      return withUrl(
        request,
        url.origin + (url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname + "/") +
          url.search,
      );
    case "unsigned payload header":
      return withHeader(request, "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    case "unsigned payload parameter":
      return presigned
        ? withUrl(request, url.href + "&x-amz-content-sha256=UNSIGNED-PAYLOAD")
        : null;
    case "streaming declaration":
      return withHeader(request, "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    case "other body":
      return request.body === null ? null : new Request(request.clone(), { body: "forged" });
  }
}

const verifyOptions = (description: RequestDescription) => ({
  secretFor: (id: string, { sessionToken }: { sessionToken?: string }) =>
    id === description.credentials.accessKeyId &&
      sessionToken === description.credentials.sessionToken
      ? description.credentials.secretAccessKey
      : undefined,
  now: description.date,
});

// Requests whose signature a verifier accepts unchanged: a path without empty segments where
// the service normalizes paths, a string body (or none), no declared hash of another body, and
// no x-amz-security-token header of the caller's own (it is the session token the key lookup
// is asked about; beside a real one, smithy's presigned URL would name the parameter twice).
const verifiable = (d: RequestDescription) =>
  !d.headers.some(([name]) => name.toLowerCase() === "x-amz-security-token") &&
  (d.service === "s3" || !d.pathSegments.includes("")) &&
  (d.body === null || typeof d.body === "string") &&
  !d.headers.some(([name, value]) =>
    name.toLowerCase() === "x-amz-content-sha256" && value !== "UNSIGNED-PAYLOAD"
  );

Deno.test(`smithy-signed requests mutated by an attacker are refused or reach the handler unchanged (${RUNS} runs)`, async () => {
  const outcomes = new Map<Mutation, { refused: number; unchanged: number }>();
  await fc.assert(
    fc.asyncProperty(
      arbitraryRequest({ exoticHeaderWhitespace: false }).filter(verifiable),
      fc.boolean(),
      fc.subarray(MUTATIONS, { minLength: 1 }),
      async (description, presign, mutations) => {
        const original = await signedBySmithy(description, presign);
        const verdict = await verifySignature(original.clone(), verifyOptions(description));
        assert.ok(verdict.ok, `smithy's request refused: ${!verdict.ok && verdict.message}`);
        const before = await handlerView(original, verdict);
        for (const mutation of mutations) {
          const mutant = mutate(original, mutation, presign);
          if (mutant === null) continue;
          const after = await verifySignature(mutant.clone(), verifyOptions(description));
          const count = outcomes.get(mutation) ?? { refused: 0, unchanged: 0 };
          outcomes.set(mutation, count);
          if (!after.ok) {
            assert.ok(after.status >= 400 && after.status < 500, `${mutation}: ${after.status}`);
            count.refused++;
            continue;
          }
          assert.deepEqual(
            await handlerView(mutant, after),
            before,
            `${mutation} changed what the handler reads`,
          );
          count.unchanged++;
        }
      },
    ),
    { numRuns: RUNS },
  );
  // Every attack that changes meaning was tried and refused at least once.
  for (
    const mutation of [
      "unsigned amz header",
      "extra parameter",
      "signature look-alike",
      "plus for %2B",
      "empty path segment",
      "unsigned payload header",
      "streaming declaration",
      "other body",
    ] as const
  ) {
    assert.ok((outcomes.get(mutation)?.refused ?? 0) > 0, `${mutation} never refused`);
  }
});

/**
 * `signHeaders` (plain data in, headers out) against `sign` (Request in, Request out) on
 * the random requests of the differential tests: the same signature every time. And its
 * own input checks, which stand in for the ones `Headers` and `Request` would make.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type PlainRequest,
  signHeaders,
  SigningInputError,
  SigV4Signer,
} from "../../src/sigv4/mod.ts";
import { arbitraryRequest, toRequest } from "./arbitrary_request.ts";

/**
 * Leaves out a header repeated with an empty first value: Deno's `Headers` iterates
 * `["", "x"]` as `"x"` though `get()` (and the Fetch standard, and Node) combine it to
 * `", x"`, so `sign`, which reads the iteration, and `signHeaders`, which follows the
 * standard, differ there.
 */
function noRepeatedEmptyHeader(description: { headers: Array<[string, string]> }): boolean {
  const values = new Map<string, string[]>();
  for (const [name, value] of description.headers) {
    const key = name.toLowerCase();
    values.set(key, [...(values.get(key) ?? []), value.trim()]);
  }
  return [...values.values()].every((list) => list.length < 2 || list[0] !== "");
}

Deno.test("signHeaders adds exactly the headers sign adds, on 3,000 random requests", async () => {
  await fc.assert(
    fc.asyncProperty(arbitraryRequest().filter(noRepeatedEmptyHeader), async (description) => {
      const signer = new SigV4Signer({
        credentials: description.credentials,
        region: description.region,
        service: description.service,
      });
      const request = toRequest(description);
      const options = { date: description.date, unsignedPayload: description.unsignedPayload };
      const signed = await signer.sign(request.clone(), options);
      const added = await signHeaders(signer, {
        method: description.method,
        url: request.url,
        headers: description.headers.concat(
          // What Request adds on its own for a text body.
          request.headers.has("content-type") &&
            !description.headers.some(([n]) => n.toLowerCase() === "content-type")
            ? [["content-type", request.headers.get("content-type")!]]
            : [],
        ),
        body: description.body,
      }, options);
      for (const [name, value] of Object.entries(added)) {
        assert.equal(signed.headers.get(name), value, name);
      }
      assert.ok("authorization" in added && "x-amz-date" in added);
    }),
    { numRuns: 3_000 },
  );
});

Deno.test("signHeaders refuses what Headers and Request would refuse", async () => {
  const signer = new SigV4Signer({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-do-not-leak" },
    region: "us-east-1",
    service: "execute-api",
  });
  const bad: PlainRequest[] = [
    { url: "/relative" },
    { url: "ftp://host/file" },
    { url: "https://user:pass@host/" },
    { url: "https://host/", headers: { "bad name": "v" } },
    { url: "https://host/", headers: { "x-a": "line\r\nbreak" } },
    { url: "https://host/", headers: { "x-a": "nul\0" } },
    { url: "https://host/", headers: { "x-a": "snowman ☃" } },
    { url: "https://host/", method: "GE T" },
    { url: "https://host/", headers: { "x-amz-content-sha256": "not-a-hash" } },
  ];
  for (const input of bad) {
    const error = await signHeaders(signer, input).then(() => undefined, (e) => e);
    assert.ok(error instanceof SigningInputError, JSON.stringify(input));
    assert.ok(!String(error.message).includes("secret-do-not-leak"));
  }
});

Deno.test("signHeaders uppercases the methods fetch normalizes and keeps others as given", async () => {
  const signer = new SigV4Signer({
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    region: "us-east-1",
    service: "execute-api",
  });
  const date = new Date("2024-01-01T00:00:00Z");
  for (const method of ["get", "Post", "patch", "PROPFIND"]) {
    const viaRequest = await signer.sign(new Request("https://h.example/", { method }), { date });
    const plain = await signHeaders(signer, { url: "https://h.example/", method }, { date });
    assert.equal(plain.authorization, viaRequest.headers.get("authorization"), method);
  }
});

Deno.test("signHeaders reads URL strings as the URL parser does, fast path or not", async () => {
  const { plainUrlParts } = await import("../../src/sigv4/plain_request.ts");
  const part = (chars: string, maxLength: number) =>
    fc.string({ unit: fc.constantFrom(...chars), maxLength });
  const urls = fc.tuple(
    fc.constantFrom("https://", "http://", "HTTPS://"),
    fc.constantFrom(
      "api.example.com",
      "API.Example.com",
      "a-b.c0",
      "127.0.0.1",
      "127.1",
      "xn--bcher-kva.example",
    ),
    fc.constantFrom("", ":443", ":80", ":8443", ":0", ":08080"),
    part("abcXYZ019-._~!$&()*+,;=:@%/.'\"<> \\é?", 24),
    fc.option(part("abc019-._~!$&()*+,;=:@%/?'\"<> é=&", 24), { nil: undefined }),
  ).map(([scheme, host, port, path, query]) =>
    scheme + host + port + "/" + path + (query === undefined ? "" : "?" + query)
  );
  fc.assert(
    fc.property(urls, (url) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return;
      }
      assert.deepEqual(plainUrlParts(url), {
        host: parsed.host,
        pathname: parsed.pathname,
        query: parsed.search.slice(1),
      }, url);
    }),
    { numRuns: 5_000 },
  );
});

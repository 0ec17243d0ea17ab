/**
 * Property tests of the signer against its inverse: for random requests (the generator of
 * the differential tests), `verifySignature(sign(r))` holds, header-signed and presigned,
 * and one mutation of any signed element — method, path, query, a signed header value,
 * the body, the date — makes verification fail. `SIGN_VERIFY_RUNS` raises the case count
 * (the soak task runs 100,000).
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { SigV4Signer, verifySignature } from "../../src/sigv4/mod.ts";
import {
  arbitraryRequest,
  hasVerifiablePath,
  type RequestDescription,
  toRequest,
} from "./arbitrary_request.ts";

const RUNS = Number(Deno.env.get("SIGN_VERIFY_RUNS") ?? 400);

type Mutation = "method" | "path" | "query" | "header" | "body" | "date";

function signerFor(description: RequestDescription): SigV4Signer {
  return new SigV4Signer({
    credentials: description.credentials,
    region: description.region,
    service: description.service,
  });
}

function verifyOptions(description: RequestDescription) {
  const { accessKeyId, secretAccessKey, sessionToken } = description.credentials;
  return {
    // Without a session token of its own, the key accepts whatever token header the
    // generated request carried (the signer signs it as given).
    secretFor: (id: string, claim: { sessionToken?: string }) =>
      id === accessKeyId && (!sessionToken || claim.sessionToken === sessionToken)
        ? secretAccessKey
        : undefined,
    now: description.date,
  };
}

function mutate(signed: Request, mutation: Mutation, bodyText: string | null): Request | null {
  const url = new URL(signed.url);
  const init = (overrides: RequestInit = {}): RequestInit => ({
    method: signed.method,
    headers: signed.headers,
    body: bodyText,
    ...overrides,
  });
  switch (mutation) {
    case "method":
      return new Request(url, init({ method: signed.method === "PUT" ? "PATCH" : "PUT" }));
    case "path":
      url.pathname += "z";
      return new Request(url, init());
    case "query":
      url.search += (url.search ? "&" : "?") + "zz-mutation=1";
      return new Request(url, init());
    case "header": {
      const name = signed.headers.get("authorization")?.match(/SignedHeaders=([^,]+)/)?.[1]
        .split(";").find((h) => h !== "host" && h !== "x-amz-date" && h !== "x-amz-content-sha256");
      if (name === undefined) return null;
      const headers = new Headers(signed.headers);
      headers.set(name, (headers.get(name) ?? "") + "z");
      return new Request(url, init({ headers }));
    }
    case "body":
      if (bodyText === null || signed.headers.get("x-amz-content-sha256") === "UNSIGNED-PAYLOAD") {
        return null;
      }
      return new Request(url, init({ body: bodyText + "z" }));
    case "date": {
      const headers = new Headers(signed.headers);
      const date = headers.get("x-amz-date")!;
      headers.set(
        "x-amz-date",
        date.slice(0, 13) + (date[13] === "0" ? "1" : "0") + date.slice(14),
      );
      return new Request(url, init({ headers }));
    }
  }
}

/** Requests whose declared payload hash (if any) is `UNSIGNED-PAYLOAD`: a declared hash of
 * some other body is, rightly, rejected by the verifier. */
const declaresNoOtherBody = (d: RequestDescription) =>
  !d.headers.some(([n, v]) =>
    n.toLowerCase() === "x-amz-content-sha256" && v !== "UNSIGNED-PAYLOAD"
  );

const textBody = (description: RequestDescription) =>
  typeof description.body === "string" ? description.body : null;

Deno.test("verifySignature(sign(r)) holds for random requests, and one mutation breaks it", async () => {
  let mutationsChecked = 0;
  await fc.assert(
    fc.asyncProperty(
      arbitraryRequest().filter((d) =>
        (d.body === null || typeof d.body === "string") && hasVerifiablePath(d) &&
        // A declared hash of some other body is (rightly) rejected by the verifier.
        !d.headers.some(([n, v]) =>
          n.toLowerCase() === "x-amz-content-sha256" && v !== "UNSIGNED-PAYLOAD"
        )
      ),
      fc.constantFrom<Mutation>("method", "path", "query", "header", "body", "date"),
      async (description, mutation) => {
        const signed = await signerFor(description).sign(toRequest(description), {
          date: description.date,
          unsignedPayload: description.unsignedPayload,
        });
        const verdict = await verifySignature(signed.clone(), verifyOptions(description));
        assert.equal(verdict.ok, true, !verdict.ok ? verdict.message : "");
        const mutated = mutate(signed, mutation, textBody(description));
        if (mutated === null) return;
        const after = await verifySignature(mutated, verifyOptions(description));
        assert.equal(after.ok, false, `${mutation} mutation still verified`);
        mutationsChecked++;
      },
    ),
    { numRuns: RUNS },
  );
  assert.ok(mutationsChecked > RUNS / 2, `only ${mutationsChecked} mutations applied`);
});

Deno.test("verifySignature(presign(r)) holds for random requests, and a changed query breaks it", async () => {
  await fc.assert(
    fc.asyncProperty(
      arbitraryRequest().filter((d) => declaresNoOtherBody(d) && hasVerifiablePath(d)),
      async (description) => {
        const request = toRequest({ ...description, body: null, method: "GET" });
        const url = await signerFor(description).presign(request, {
          date: description.date,
          expiresIn: description.expiresIn,
        });
        // The x-amz-* headers travel in the URL; the other signed headers are still sent.
        const signedNames = url.searchParams.get("X-Amz-SignedHeaders")?.split(";") ?? [];
        const headers = new Headers(
          [...request.headers].filter(([name]) => signedNames.includes(name)),
        );
        const verdict = await verifySignature(
          new Request(url, { headers }),
          verifyOptions(description),
        );
        assert.equal(verdict.ok, true, !verdict.ok ? verdict.message : "");
        const tampered = new URL(url);
        tampered.searchParams.set("X-Amz-Expires", String(description.expiresIn === 1 ? 2 : 1));
        assert.equal(
          (await verifySignature(new Request(tampered), verifyOptions(description))).ok,
          false,
        );
      },
    ),
    { numRuns: Math.ceil(RUNS / 2) },
  );
});

import { CloudFrontSignerError } from "./errors.ts";

// The query parameters CloudFront reads a signature from ("Signed URLs": Expires, Policy,
// Signature, Key-Pair-Id, and Hash-Algorithm for SHA-256 signatures).
const RESERVED = ["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"];

/** `encodeURIComponent` plus `! ' ( ) *`, as the AWS SDK encodes the signature parameters. */
export function extendedEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => "%" + char.charCodeAt(0).toString(16).toUpperCase(),
  );
}

function encodeQueryComponent(component: string): string {
  // Percent escapes already there stay (upper-cased), '+' stays; the rest is encoded.
  return component.replace(/[\uD800-\uDFFF]/gu, "\uFFFD")
    .split(/(%[0-9A-Fa-f]{2}|\+)/g)
    .map((part, i) =>
      i % 2 === 1
        ? (part === "+" ? "+" : part.toUpperCase())
        : encodeURIComponent(part).replace(/'/g, "%27")
    )
    .join("");
}

function encodeSegment(segment: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(segment));
  } catch {
    try {
      return encodeURIComponent(segment);
    } catch {
      throw new CloudFrontSignerError("url holds a lone UTF-16 surrogate, which no URL can carry.");
    }
  }
}

/**
 * `url` as `@aws-sdk/cloudfront-signer` normalizes it before signing: each path segment
 * decoded once and percent-encoded, each query pair re-encoded keeping its escapes, so the
 * signed resource is the URL CloudFront receives.
 */
export function encodeUrlPath(url: string): string {
  const protocolEnd = url.indexOf("//");
  if (protocolEnd === -1) return url;
  const pathStart = url.indexOf("/", protocolEnd + 2);
  if (pathStart === -1) return url;
  const origin = url.slice(0, pathStart);
  const rest = url.slice(pathStart);
  const queryIndex = rest.indexOf("?");
  const rawPath = queryIndex === -1 ? rest : rest.slice(0, queryIndex);
  const rawQuery = queryIndex === -1 ? "" : rest.slice(queryIndex + 1);
  const path = rawPath.replace(/[^/]+/g, encodeSegment);
  const pairs = rawQuery.split("&").filter((pair) => pair !== "").map((pair) => {
    const eq = pair.indexOf("=");
    const key = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? "" : pair.slice(eq + 1);
    return `${encodeQueryComponent(key)}=${encodeQueryComponent(value)}`;
  });
  return origin + path + (pairs.length > 0 ? "?" + pairs.join("&") : "");
}

/**
 * The resource a policy names for `url`: the URL itself for http(s) and ws(s); for RTMP
 * (streaming distributions) the stream name alone, without origin, port or leading slash.
 */
export function resourceOf(url: string): string {
  const protocol = url.slice(0, url.indexOf("//"));
  if (["http:", "https:", "ws:", "wss:"].includes(protocol)) return url;
  if (protocol === "rtmp:") {
    const origin = `${protocol}//${new URL(url).hostname}`;
    return url.substring(origin.length).replace(/(?::\d+)?\//, "");
  }
  throw new CloudFrontSignerError(
    "url must be an absolute http, https, ws, wss or rtmp URL (e.g. https://d111111abcdef8.cloudfront.net/file.pdf).",
  );
}

/** Throws when `url`'s query already has one of the parameters CloudFront signs with. */
export function checkNoSignatureParameters(url: string): void {
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1).split("#")[0] : "";
  for (const pair of query.split("&")) {
    const name = pair.split("=")[0];
    if (RESERVED.includes(name)) {
      throw new CloudFrontSignerError(
        `url already has a ${name} parameter: CloudFront reads ${
          RESERVED.join(", ")
        } as the signature, so a URL can be signed once.`,
      );
    }
  }
}

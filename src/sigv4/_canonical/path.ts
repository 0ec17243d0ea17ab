import { SigningInputError } from "../errors.ts";
import { uriEncode, uriEncodePath } from "../../_shared/uri_encode.ts";

/**
 * The canonical URI of a request path (`URL.pathname`, as sent on the wire).
 *
 * Every service but S3 normalizes the path (empty, `.` and `..` segments) and then
 * encodes the already-encoded path once more ("double encoding"). S3 never normalizes
 * (`a//b` and `a/./b` are distinct keys) and encodes each segment exactly once: the
 * segment is decoded and re-encoded, so `!` sent raw and `%21` sign the same way, as S3
 * itself canonicalizes them.
 */
export function canonicalPath(pathname: string, uriEscapePath: boolean): string {
  return uriEscapePath ? normalizedDoubleEncoded(pathname) : singleEncoded(pathname);
}

function normalizedDoubleEncoded(pathname: string): string {
  if (!/\/\/|\/\.\.?(\/|$)/.test(pathname)) return uriEncodePath(pathname);
  const segments: string[] = [];
  for (const segment of pathname.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const leading = pathname.startsWith("/") ? "/" : "";
  const trailing = segments.length > 0 && pathname.endsWith("/") ? "/" : "";
  return uriEncodePath(leading + segments.join("/") + trailing);
}

function singleEncoded(pathname: string): string {
  if (/^[A-Za-z0-9\-._~/]*$/.test(pathname)) return pathname;
  return pathname.split("/").map(encodeSegmentOnce).join("/");
}

function encodeSegmentOnce(segment: string): string {
  try {
    return uriEncode(decodeURIComponent(segment));
  } catch {
    // A stray '%' would be read differently by every server; signing a guess would
    // produce a signature that silently fails, so refuse it.
    throw new SigningInputError(
      "The URL path has a '%' not followed by two hex digits (of UTF-8); write it as '%25'.",
    );
  }
}

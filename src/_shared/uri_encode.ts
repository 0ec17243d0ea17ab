// RFC 3986 encoding as SigV4 requires: every byte except the unreserved characters
// A-Z a-z 0-9 - . _ ~ is percent-encoded with uppercase hex. encodeURIComponent leaves
// ! ' ( ) * alone, so those are escaped afterwards.
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

function escapeSubDelim(char: string): string {
  return "%" + char.charCodeAt(0).toString(16).toUpperCase();
}

/** Percent-encodes `value` as RFC 3986 and SigV4's canonical form require. */
export function uriEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(
    SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT,
    escapeSubDelim,
  );
}

/** Like {@linkcode uriEncode} but keeps `/`, for whole paths. */
export function uriEncodePath(path: string): string {
  if (/^[A-Za-z0-9\-._~/]*$/.test(path)) return path;
  return uriEncode(path).replace(/%2F/g, "/");
}

import { escapeXml } from "../aws_error.ts";
import type { Identity } from "../state.ts";
import { isoSeconds } from "../iso_seconds.ts";

/** The XML namespace of every STS response. */
export const STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/**
 * `<name>value</name>` with `value` escaped, or `""` when `value` is `undefined`: STS
 * leaves out the elements it has no value for.
 */
export function xmlElement(name: string, value: string | number | undefined): string {
  return value === undefined ? "" : `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** The `<Credentials>` element of temporary credentials. */
export function credentialsXml(
  credentials: Identity & { sessionToken: string; expiration: Date },
): string {
  return "<Credentials>" +
    xmlElement("AccessKeyId", credentials.accessKeyId) +
    xmlElement("SecretAccessKey", credentials.secretAccessKey) +
    xmlElement("SessionToken", credentials.sessionToken) +
    xmlElement("Expiration", isoSeconds(credentials.expiration)) +
    "</Credentials>";
}

/**
 * A successful STS response: `<{action}Response xmlns=…><{action}Result>{result}</…>
 * <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></…>` as `text/xml`.
 * `result` is XML built with {@linkcode xmlElement}, so every value in it is escaped.
 */
export function stsResponse(action: string, requestId: string, result: string): Response {
  const body = `<${action}Response xmlns="${STS_NAMESPACE}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata>${xmlElement("RequestId", requestId)}</ResponseMetadata>` +
    `</${action}Response>`;
  return new Response(body, { headers: { "content-type": "text/xml" } });
}

import { escapeXml } from "../aws_error.ts";

/** The XML namespace of every Redshift response. */
export const REDSHIFT_NAMESPACE = "http://redshift.amazonaws.com/doc/2012-12-01/";

/** `<name>value</name>`, `value` escaped. */
export function element(name: string, value: string | number): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** `<{action}Response xmlns=…><{action}Result>{result}</…><ResponseMetadata>…` as `text/xml`. */
export function redshiftResponse(action: string, requestId: string, result: string): Response {
  const body = '<?xml version="1.0" encoding="UTF-8"?>' +
    `<${action}Response xmlns="${REDSHIFT_NAMESPACE}">` +
    `<${action}Result>${result}</${action}Result>` +
    `<ResponseMetadata>${element("RequestId", requestId)}</ResponseMetadata>` +
    `</${action}Response>`;
  return new Response(body, {
    headers: { "content-type": "text/xml", "x-amzn-RequestId": requestId },
  });
}

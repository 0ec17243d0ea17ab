import { base64Decode } from "../../_shared/bytes/base64.ts";

/** One `-----BEGIN LABEL-----` … `-----END LABEL-----` block of a PEM text (RFC 7468). */
export interface PemBlock {
  /** `CERTIFICATE`, `PRIVATE KEY`, `RSA PRIVATE KEY`, … */
  readonly label: string;
  /** The decoded bytes, or `undefined` when the body is not base64. */
  readonly der: Uint8Array | undefined;
  /** Whether the body has RFC 1421 headers saying it is encrypted (`Proc-Type: 4,ENCRYPTED`). */
  readonly encrypted: boolean;
}

const BEGIN = "-----BEGIN ";
const DASHES = "-----";

/**
 * The blocks of `text`, in order; text between blocks is ignored (as OpenSSL does with the
 * `Bag Attributes` lines some tools write). Scanned with `indexOf` and each search starts
 * where the last one ended, so hostile input costs linear time. A block without its end
 * line ends the scan.
 */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (let at = text.indexOf(BEGIN); at !== -1; at = text.indexOf(BEGIN, at)) {
    const labelStart = at + BEGIN.length;
    const labelEnd = text.indexOf(DASHES, labelStart);
    if (labelEnd === -1 || labelEnd - labelStart > 64) break;
    const label = text.slice(labelStart, labelEnd);
    const endLine = `-----END ${label}-----`;
    const bodyStart = labelEnd + DASHES.length;
    const bodyEnd = text.indexOf(endLine, bodyStart);
    if (bodyEnd === -1) break;
    const body = text.slice(bodyStart, bodyEnd);
    const encrypted = /Proc-Type:\s*4,\s*ENCRYPTED/.test(body);
    const base64 = body.replace(/^[\w-]+:.*$/gm, "").replace(/\s+/g, "");
    blocks.push({ label, der: encrypted ? undefined : base64Decode(base64), encrypted });
    at = bodyEnd + endLine.length;
  }
  return blocks;
}

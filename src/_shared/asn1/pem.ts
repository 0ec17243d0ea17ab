import { base64Decode } from "../bytes/base64.ts";

/** One `-----BEGIN LABEL-----` … `-----END LABEL-----` block of a PEM text (RFC 7468). */
export interface PemBlock {
  /** `CERTIFICATE`, `PRIVATE KEY`, `RSA PRIVATE KEY`, … */
  readonly label: string;
  /** The RFC 1421 header lines, such as `Proc-Type: 4,ENCRYPTED` and `DEK-Info: …`. */
  readonly headers: readonly string[];
  /** Whether the headers say the body is encrypted (`Proc-Type: 4,ENCRYPTED`). */
  readonly encrypted: boolean;
  /** The decoded body (empty when there is none), or `undefined` when it is not base64. */
  readonly der: Uint8Array | undefined;
}

const BEGIN = "-----BEGIN ";
const DASHES = "-----";
const ENCRYPTED = /^Proc-Type:\s*4,\s*ENCRYPTED/;

/**
 * The blocks of `text`, in order; text between blocks is ignored (as OpenSSL does with the
 * `Bag Attributes` lines some tools write, or with the `EC PARAMETERS` block before an `EC
 * PRIVATE KEY`). A body line holding `:` is a header (base64 never does). Scanned with
 * `indexOf` and each search starts where the last one ended, so hostile input costs linear
 * time. A block without its end line ends the scan.
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
    const lines = text.slice(bodyStart, bodyEnd).split(/\r?\n/).map((line) => line.trim());
    const headers = lines.filter((line) => line.includes(":"));
    const base64 = lines.filter((line) => !line.includes(":")).join("").replace(/\s+/g, "");
    blocks.push({
      label,
      headers,
      encrypted: headers.some((header) => ENCRYPTED.test(header)),
      der: base64Decode(base64),
    });
    at = bodyEnd + endLine.length;
  }
  return blocks;
}

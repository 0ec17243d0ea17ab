import { base64Decode } from "../../_shared/bytes/base64.ts";

/** One PEM block: its label (`RSA PRIVATE KEY`), its RFC 1421 headers, its DER bytes. */
export interface PemBlock {
  readonly label: string;
  /** Header lines such as `Proc-Type: 4,ENCRYPTED`, which mark an OpenSSL-encrypted key. */
  readonly headers: string[];
  /** `undefined` when the body is not base64. */
  readonly der: Uint8Array | undefined;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Every PEM block of `text`, in order (`openssl ecparam -genkey` writes two). */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const [, label, body] of text.matchAll(BLOCK)) {
    const lines = body.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
    const headers = lines.filter((line) => line.includes(":"));
    const base64 = lines.filter((line) => !line.includes(":")).join("");
    blocks.push({ label, headers, der: base64 === "" ? undefined : base64Decode(base64) });
  }
  return blocks;
}

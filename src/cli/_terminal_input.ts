import { CliUsageError } from "./errors.ts";

const decoder = new TextDecoder();

/** The standard input as the prompts use it. */
interface Stdin {
  read(buffer: Uint8Array): Promise<number | null>;
  setRaw(mode: boolean): void;
}

/** Reads one line (without its end) from `stdin`, a byte at a time so nothing is over-read. */
export async function readLine(stdin: Pick<Stdin, "read">): Promise<string> {
  const bytes: number[] = [];
  const one = new Uint8Array(1);
  while (true) {
    const n = await stdin.read(one);
    if (n === null || n === 0) {
      if (bytes.length === 0) throw new CliUsageError("Standard input ended before an answer.");
      break;
    }
    if (one[0] === 0x0a) break;
    bytes.push(one[0]);
  }
  if (bytes.at(-1) === 0x0d) bytes.pop();
  return decoder.decode(new Uint8Array(bytes));
}

/** Removes the last UTF-8 character: its continuation bytes, then its lead byte. */
function popCharacter(bytes: number[]): void {
  while (bytes.length > 0 && (bytes[bytes.length - 1] & 0xc0) === 0x80) bytes.pop();
  bytes.pop();
}

/**
 * Reads one line from a terminal in raw mode without echoing it: Enter ends it, Backspace
 * deletes, Ctrl-C or Ctrl-D aborts with a {@linkcode CliUsageError}.
 */
export async function readSecretLine(stdin: Stdin): Promise<string> {
  const bytes: number[] = [];
  const buffer = new Uint8Array(64);
  stdin.setRaw(true);
  try {
    while (true) {
      const n = await stdin.read(buffer);
      if (n === null) throw new CliUsageError("Standard input ended before an answer.");
      for (const byte of buffer.subarray(0, n)) {
        if (byte === 0x0d || byte === 0x0a) return decoder.decode(new Uint8Array(bytes));
        if (byte === 0x03 || byte === 0x04) throw new CliUsageError("Cancelled.");
        if (byte === 0x7f || byte === 0x08) popCharacter(bytes);
        else if (byte >= 0x20) bytes.push(byte);
      }
    }
  } finally {
    stdin.setRaw(false);
  }
}

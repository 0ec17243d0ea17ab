/** The text of a body read up to a byte limit, and whether more followed. */
export interface BoundedText {
  /** The decoded text of at most `limit` bytes. */
  text: string;
  /** Whether the body had more than `limit` bytes. */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of `body` as UTF-8 text, then cancels the rest, so a
 * misbehaving server cannot make the client buffer an unbounded response.
 */
export async function readBoundedText(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<BoundedText> {
  if (body === null) return { text: "", truncated: false };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > limit) {
        chunks.push(value.subarray(0, limit - size));
        size = limit;
        truncated = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), truncated };
}

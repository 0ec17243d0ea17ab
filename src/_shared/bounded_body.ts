/** The first bytes of a body read up to a byte limit, and whether more followed. */
export interface BoundedBytes {
  /** At most `limit` bytes, in order. */
  bytes: Uint8Array;
  /** Whether the body had more than `limit` bytes. */
  truncated: boolean;
}

/** The text of a body read up to a byte limit, and whether more followed. */
export interface BoundedText {
  /** The decoded text of at most `limit` bytes. */
  text: string;
  /** Whether the body had more than `limit` bytes. */
  truncated: boolean;
}

/**
 * Reads at most `limit` bytes of `body`, then cancels the rest, so a misbehaving peer
 * cannot make us buffer an unbounded body. A body that fails midway rejects with its error.
 */
export async function readBoundedBytes(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<BoundedBytes> {
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
    cancel(reader);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}

/** {@linkcode readBoundedBytes} as UTF-8 text; a missing body is empty text. */
export async function readBoundedText(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<BoundedText> {
  if (body === null) return { text: "", truncated: false };
  const { bytes, truncated } = await readBoundedBytes(body, limit);
  return { text: new TextDecoder().decode(bytes), truncated };
}

/**
 * Reads `request`'s body into memory, at most `limit` bytes; returns `undefined` when it
 * is longer (the rest is cancelled, never read), or `null` when it has none. A declared
 * `content-length` over the limit is refused before anything is read.
 */
export async function readBodyUpTo(
  request: Request,
  limit: number,
): Promise<Uint8Array | null | undefined> {
  if (request.body === null) return null;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    cancel(request.body);
    return undefined;
  }
  const { bytes, truncated } = await readBoundedBytes(request.body, limit);
  return truncated ? undefined : bytes;
}

// Not awaited: cancelling one branch of a tee (a cloned body) settles only once the other
// branch is cancelled too, which is the caller's to do.
function cancel(stream: { cancel(): Promise<void> }): void {
  stream.cancel().catch(() => {});
}

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
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      cancel(reader);
      return undefined;
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

// Not awaited: cancelling one branch of a tee (a cloned body) settles only once the other
// branch is cancelled too, which is the caller's to do.
function cancel(stream: { cancel(): Promise<void> }): void {
  stream.cancel().catch(() => {});
}

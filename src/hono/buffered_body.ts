/**
 * Reads `request`'s body into memory, at most `limit` bytes; returns `undefined` when it
 * is longer (the rest is cancelled, never read), or `null` when it has none.
 */
export async function readBodyUpTo(
  request: Request,
  limit: number,
): Promise<Uint8Array | null | undefined> {
  if (request.body === null) return null;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await request.body.cancel();
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
      await reader.cancel();
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

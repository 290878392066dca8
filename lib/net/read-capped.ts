/**
 * Reads a byte stream to the end, or stops as soon as it passes `maxBytes` (null): a register
 * download, an inflated SAML request. Nothing past the cap is kept in memory, so a server that
 * sends gigabytes, or a deflate bomb, costs at most the cap.
 */
export async function readCappedStream(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

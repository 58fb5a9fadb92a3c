/**
 * The buffers behind these byte arrays that can be moved to another thread instead of copied:
 * only a buffer one array covers whole. A Node Buffer cut from the shared pool (or a view into
 * a larger buffer) would take its neighbours' bytes along, so it is copied.
 */
export function movableBuffers(arrays: readonly Uint8Array[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const buffer = a.buffer;
    if (buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === buffer.byteLength && a.byteLength > 0) out.add(buffer);
  }
  return [...out];
}

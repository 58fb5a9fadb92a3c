/**
 * Object metadata as S3 and R2 keep it: HTTP headers, which are ASCII-only and
 * whose names S3 would silently lowercase. Values (Vietnamese filenames, NFC or
 * NFD) are percent-encoded on the way in and decoded on the way back, the same
 * for both stores, so one bucket reads the same through either.
 */
const METADATA_NAME = /^[a-z0-9][a-z0-9-]*$/;

export function encodeMetadata(metadata: Record<string, string>, store: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata)) {
    if (!METADATA_NAME.test(name)) throw new TypeError(`${store} metadata name must be lowercase [a-z0-9-]: ${JSON.stringify(name)}`);
    out[name] = encodeURIComponent(value);
  }
  return out;
}

export function decodeMetadata(metadata: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata ?? {})) {
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value; // written by another tool, not percent-encoded
    }
  }
  return out;
}

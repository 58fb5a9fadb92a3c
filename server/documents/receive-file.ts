import { DomainError } from '../domain-error';
import type { ObjectMeta, ObjectStore } from '../storage/object-store';
import { SNIFF_BYTES, servedFilename, sniffType, type SniffedType } from './sniff-type';

/** A file the upload refuses; the message names the file. */
export class UploadRefused extends DomainError {
  constructor(override readonly code: 'empty_file' | 'upload_interrupted' | 'file_too_large' | 'unsupported_type', message: string, extra?: Record<string, unknown>) {
    super(code, message, extra);
    this.name = 'UploadRefused';
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export const tooLarge = (filename: string, maxBytes: number) =>
  new UploadRefused('file_too_large', `"${filename}" is larger than the ${Math.round(maxBytes / 1048576)} MB limit`);

/**
 * Streams one incoming file into the store under `key`: its first bytes decide
 * the type (refused before anything is written), the size is counted as it
 * flows and the write is abandoned past `maxBytes`. Nothing is buffered beyond
 * the sniffing window.
 */
export async function receiveFile(
  store: ObjectStore,
  key: string,
  source: ReadableStream<Uint8Array>,
  rawName: string,
  maxBytes: number,
): Promise<{ type: SniffedType; meta: ObjectMeta; filename: string }> {
  const name = rawName.normalize('NFC');
  const reader = source.getReader();
  const interrupted = () => new UploadRefused('upload_interrupted', `"${name}" was not received completely`);
  const read = () => reader.read().catch(() => { throw interrupted(); });
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < SNIFF_BYTES) {
    const next = await read();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const refuse = async (error: UploadRefused) => {
    await reader.cancel().catch(() => {});
    throw error;
  };
  if (headLength === 0) return refuse(new UploadRefused('empty_file', `"${name}" is empty`));
  if (headLength > maxBytes) return refuse(tooLarge(name, maxBytes));
  const type = sniffType(concat(head, headLength), name, ended);
  if (!type) {
    return refuse(new UploadRefused('unsupported_type', `"${name}" is not an accepted document type (PDF, Word, Excel, PowerPoint, OpenDocument, image or text), or its name does not match its content`));
  }

  let total = headLength;
  let failure: UploadRefused | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
      if (ended) controller.close();
    },
    async pull(controller) {
      let next;
      try {
        next = await read();
      } catch (error) {
        failure = error as UploadRefused;
        return controller.error(failure);
      }
      if (next.done) return controller.close();
      total += next.value.length;
      if (total > maxBytes) {
        failure = tooLarge(name, maxBytes);
        await reader.cancel().catch(() => {});
        return controller.error(failure);
      }
      controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const filename = servedFilename(name, type);
  try {
    const meta = await store.put(key, body, { contentType: type.contentType, metadata: { filename } });
    return { type, meta, filename };
  } catch (error) {
    throw failure ?? error;
  }
}

import {
  StorageUnavailableError,
  type ByteRange,
  type MultipartWrites,
  type ObjectMeta,
  type ObjectStore,
  type PutOptions,
  type StoredObject,
} from '../../storage/object-store';
import { decodeMetadata, encodeMetadata } from '../../storage/header-metadata';

/** The parts of the Workers R2 binding this store uses (structural, so no global Workers types are needed). */
export interface R2BucketBinding {
  head(key: string): Promise<R2ObjectLike | null>;
  get(key: string, options?: { range?: Headers }): Promise<(R2ObjectLike & { body?: unknown }) | null>;
  put(key: string, value: Uint8Array, options?: R2WriteOptions): Promise<R2ObjectLike>;
  delete(key: string): Promise<void>;
  list(options?: { cursor?: string }): Promise<{ objects: R2ObjectLike[]; truncated: boolean; cursor?: string }>;
  createMultipartUpload(key: string, options?: R2WriteOptions): Promise<R2MultipartUploadLike>;
  /** A handle on an upload started earlier (no call is made until it is used). */
  resumeMultipartUpload(key: string, uploadId: string): R2MultipartUploadLike;
}

export interface R2ObjectLike {
  key: string;
  size: number;
  /** Quoted, as it goes on the wire. */
  httpEtag: string;
  uploaded: Date;
  httpMetadata?: { contentType?: string };
  customMetadata?: Record<string, string>;
  /** On a ranged get: the bytes actually served. */
  range?: { offset?: number; length?: number; suffix?: number };
}

interface R2WriteOptions {
  httpMetadata?: { contentType?: string };
  customMetadata?: Record<string, string>;
}

interface R2MultipartUploadLike {
  readonly uploadId: string;
  uploadPart(partNumber: number, value: Uint8Array): Promise<{ partNumber: number; etag: string }>;
  complete(parts: { partNumber: number; etag: string }[]): Promise<R2ObjectLike>;
  abort(): Promise<void>;
}

/**
 * R2 only takes a stream whose length is known up front, and an uploaded file's
 * length is not known until its last byte. So a put reads the stream in parts of
 * this size: a file that ends within the first part goes in one put (at most one
 * part in memory); a longer one becomes a multipart upload, one part in memory at
 * a time, never the whole file. R2 wants every part but the last of one size, at
 * least 5 MiB; the minimum keeps each upload's share of an isolate's 128 MB small.
 */
export const R2_PART_SIZE = 5 * 1024 * 1024;

/** Documents in an R2 bucket through the Workers binding (no credentials, no presigning). */
export class R2Store implements ObjectStore {
  /** Multipart uploads started and not yet completed or aborted (what a failed put could leave behind). */
  readonly openUploads = new Set<string>();

  constructor(private readonly bucket: R2BucketBinding, private readonly partSize = R2_PART_SIZE) {
    if (partSize < 5 * 1024 * 1024) throw new RangeError('R2 parts must be at least 5 MiB');
  }

  async put(key: string, body: ReadableStream<Uint8Array>, options: PutOptions): Promise<ObjectMeta> {
    const { signal } = options;
    let writeOptions: R2WriteOptions;
    try {
      signal?.throwIfAborted();
      writeOptions = { httpMetadata: { contentType: options.contentType }, customMetadata: encodeMetadata(options.metadata ?? {}, 'R2') };
    } catch (error) {
      await body.cancel(error).catch(() => undefined);
      throw signal?.aborted ? abortError(signal) : error;
    }
    const reader = body.getReader();
    // A stalled source must not hold an abort back: cancelling ends the pending read.
    const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    const parts = new PartCutter(this.partSize);
    let upload: MultipartWrite | null = null;
    try {
      for (;;) {
        const next = await reader.read();
        if (signal?.aborted) throw abortError(signal);
        if (next.done) break;
        for (const part of parts.push(next.value)) {
          upload ??= await this.startUpload(key, writeOptions);
          await upload.add(part);
          if (signal?.aborted) throw abortError(signal);
        }
      }
      const last = parts.rest();
      const object = upload
        ? await upload.finish(last)
        : await this.call(`put ${key}`, () => this.bucket.put(key, last, writeOptions));
      if (signal?.aborted) {
        // The abort came while the last request was completing: honour it anyway.
        await this.delete(key).catch(() => undefined);
        throw abortError(signal);
      }
      return toMeta(object);
    } catch (error) {
      await reader.cancel(error).catch(() => undefined);
      await upload?.abort();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      reader.releaseLock();
    }
  }

  /**
   * R2's multipart upload through the binding, one call per step, for chunked uploads whose
   * parts come in separate requests (documents/chunked/): resumeMultipartUpload finds the
   * upload again by its id. A part sent again under its number replaces the earlier one.
   */
  readonly multipart: MultipartWrites = {
    create: async (key, options) => {
      const writeOptions = { httpMetadata: { contentType: options.contentType }, customMetadata: encodeMetadata(options.metadata ?? {}, 'R2') };
      const upload = await this.call(`create upload of ${key}`, () => this.bucket.createMultipartUpload(key, writeOptions));
      return upload.uploadId;
    },
    putPart: async (key, uploadId, partNumber, bytes) => {
      const part = await this.call(`upload part ${partNumber} of ${key}`, () => this.bucket.resumeMultipartUpload(key, uploadId).uploadPart(partNumber, bytes));
      return { partNumber: part.partNumber, etag: part.etag };
    },
    complete: async (key, uploadId, parts) =>
      toMeta(await this.call(`complete upload of ${key}`, () => this.bucket.resumeMultipartUpload(key, uploadId).complete(parts))),
    abort: async (key, uploadId) => {
      // An upload already completed or aborted is gone: nothing left to drop.
      await this.bucket.resumeMultipartUpload(key, uploadId).abort().catch((error: unknown) => {
        if (!/NoSuchUpload|does not exist|not found/i.test(error instanceof Error ? error.message : String(error))) throw unavailable(`abort upload of ${key}`, error);
      });
    },
  };

  private async startUpload(key: string, writeOptions: R2WriteOptions): Promise<MultipartWrite> {
    const upload = await this.call(`put ${key}`, () => this.bucket.createMultipartUpload(key, writeOptions));
    this.openUploads.add(upload.uploadId);
    const uploaded: { partNumber: number; etag: string }[] = [];
    const ended = () => this.openUploads.delete(upload.uploadId);
    return {
      add: async (part) => {
        uploaded.push(await this.call(`put ${key}`, () => upload.uploadPart(uploaded.length + 1, part)));
      },
      finish: async (last) => {
        if (last.length > 0) uploaded.push(await this.call(`put ${key}`, () => upload.uploadPart(uploaded.length + 1, last)));
        const object = await this.call(`put ${key}`, () => upload.complete(uploaded));
        ended();
        return object;
      },
      abort: async () => {
        // Best effort: a bucket lifecycle rule for incomplete multipart uploads is the backstop.
        await upload.abort().then(ended, () => undefined);
      },
    };
  }

  async head(key: string): Promise<ObjectMeta | null> {
    const object = await this.call(`head ${key}`, () => this.bucket.head(key));
    return object ? toMeta(object) : null;
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    if (range) checkRange(range);
    // As a Range header, R2 answers like an HTTP server: clamped at the end, and the whole
    // object when the range cannot be served (an empty object) instead of an error.
    const object = await this.call(`get ${key}`, () =>
      this.bucket.get(key, range ? { range: new Headers({ range: `bytes=${range.start}-${range.end}` }) } : undefined));
    if (!object) return null;
    if (!('body' in object) || !object.body) throw new Error(`R2 get of ${key} returned no body`);
    const meta = toMeta(object);
    const body = object.body as ReadableStream<Uint8Array>;
    const served = range && servedRange(object, range, meta.size);
    return served ? { ...meta, body, range: served } : { ...meta, body };
  }

  async delete(key: string): Promise<void> {
    await this.call(`delete ${key}`, () => this.bucket.delete(key));
  }

  async *list(): AsyncIterable<{ key: string; lastModified: Date; size: number }> {
    let cursor: string | undefined;
    do {
      const page = await this.call('list', () => this.bucket.list(cursor ? { cursor } : {}));
      for (const object of page.objects) yield { key: object.key, lastModified: object.uploaded, size: object.size };
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }

  /** Runs one binding call; its failures mean the bucket is unreachable for now (→ 503). */
  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw unavailable(what, error);
    }
  }
}

interface MultipartWrite {
  add(part: Uint8Array): Promise<void>;
  finish(last: Uint8Array): Promise<R2ObjectLike>;
  abort(): Promise<void>;
}

/** Cuts a stream of chunks into parts of exactly `size` bytes, copying each byte once. */
class PartCutter {
  private buffer = new Uint8Array(0);
  private filled = 0;
  private large = false;

  constructor(private readonly size: number) {}

  *push(chunk: Uint8Array): Generator<Uint8Array> {
    let at = 0;
    while (at < chunk.length) {
      // Allocated on demand: a small file costs its own size, not a whole part.
      this.grow(this.filled + (chunk.length - at));
      const take = Math.min(chunk.length - at, this.size - this.filled);
      this.buffer.set(chunk.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.size) {
        const part = this.buffer;
        this.buffer = new Uint8Array(0);
        this.filled = 0;
        this.large = true;
        yield part;
      }
    }
  }

  rest(): Uint8Array {
    return this.buffer.subarray(0, this.filled);
  }

  private grow(needed: number): void {
    if (needed <= this.buffer.length || this.buffer.length === this.size) return;
    // Doubling while the file may still be small; whole parts once it is known to be large.
    const next = new Uint8Array(this.large ? this.size : Math.min(this.size, Math.max(needed, this.buffer.length * 2, 64 * 1024)));
    next.set(this.buffer.subarray(0, this.filled));
    this.buffer = next;
  }
}

function toMeta(object: R2ObjectLike): ObjectMeta {
  return {
    size: object.size,
    contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
    // httpEtag is already quoted, as it goes on the wire.
    etag: object.httpEtag,
    lastModified: object.uploaded,
    metadata: decodeMetadata(object.customMetadata),
  };
}

/** The range R2 served, when it served the one asked for; undefined when it sent the whole object. */
function servedRange(object: R2ObjectLike, asked: ByteRange, size: number): ByteRange | undefined {
  if (size === 0) return undefined;
  const start = object.range?.offset ?? asked.start;
  const end = object.range?.length !== undefined ? start + object.range.length - 1 : Math.min(asked.end, size - 1);
  if (start !== asked.start || (start === 0 && end === size - 1 && asked.end < size - 1)) return undefined;
  return { start, end };
}

function checkRange(range: ByteRange): void {
  if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start) {
    throw new RangeError(`invalid byte range ${JSON.stringify(range)}`);
  }
}

function unavailable(what: string, error: unknown): StorageUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new StorageUnavailableError(`R2 ${what}: ${reason}`, { cause: error });
}

function abortError(signal: AbortSignal | undefined): Error {
  return Object.assign(new Error('The upload was aborted', { cause: signal?.reason }), { name: 'AbortError' });
}

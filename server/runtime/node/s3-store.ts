import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import {
  StorageUnavailableError,
  type ByteRange,
  type MultipartWrites,
  type ObjectMeta,
  type ObjectStore,
  type PutOptions,
  type SignedUrlOptions,
  type StoredObject,
} from '../../storage/object-store';
import { decodeMetadata, encodeMetadata } from '../../storage/header-metadata';

export interface S3StoreOptions {
  /** Omit for AWS itself; e.g. `https://<account>.r2.cloudflarestorage.com`, `http://minio:9000`. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** true for MinIO, s3rver and most non-AWS services. */
  forcePathStyle: boolean;
  /** Prepended verbatim to every key (include a trailing '/' for a folder). */
  prefix?: string;
}

const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;
// A failed abort (the service went down mid-upload) is retried after 1 s, 2 s, 4 s … at most 5 min apart.
const ABORT_RETRY_FIRST_MS = 1_000;
const ABORT_RETRY_MAX_MS = 5 * 60_000;
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH',
  'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
]);

/** The client with the settings every QRHop S3 call relies on. */
export function createS3Client(options: S3StoreOptions): S3Client {
  return new S3Client({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    // Explicit credentials only: never fall back to the SDK's env/instance-profile chain.
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Without these, streamed bodies go out aws-chunked and some S3-compatible
    // services (s3rver, older MinIO, several regional clouds) store the framing as data.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    // Fail fast when the service is down (→ 503); the idle timeout, not a total
    // one, so a slow 200 MB download is not cut off while bytes keep flowing.
    requestHandler: { connectionTimeout: 2_000, socketTimeout: 30_000 },
  });
}

/** Documents in any S3-compatible bucket (AWS S3, R2 over its S3 API, MinIO, …). */
export class S3Store implements ObjectStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly where: string;
  /** Multipart uploads whose abort failed (UploadId → Key): retried in the background until they go. */
  private readonly pendingAborts = new Map<string, string>();
  private abortRetryTimer: ReturnType<typeof setTimeout> | undefined;
  private abortRetryDelay = ABORT_RETRY_FIRST_MS;

  constructor(options: S3StoreOptions) {
    this.client = createS3Client(options);
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.where = describeEndpoint(options);
  }

  /**
   * S3's own multipart upload, one call per step. Parts retried by the client are uploaded
   * again under the same number (S3 keeps the last). Abandoned uploads are aborted by the
   * sweep (by their row, and abortStaleUploads below for any the rows lost).
   */
  readonly multipart: MultipartWrites = {
    create: async (key, options) => {
      try {
        const out = await this.client.send(new CreateMultipartUploadCommand({
          Bucket: this.bucket, Key: this.prefix + key, ContentType: options.contentType, Metadata: encodeMetadata(options.metadata ?? {}, 'S3'),
        }));
        if (!out.UploadId) throw new Error(`S3 gave no upload id for ${key}`);
        return out.UploadId;
      } catch (error) {
        throw this.mapError(error, `create upload of ${key}`);
      }
    },
    putPart: async (key, uploadId, partNumber, bytes) => {
      try {
        const out = await this.client.send(new UploadPartCommand({
          Bucket: this.bucket, Key: this.prefix + key, UploadId: uploadId, PartNumber: partNumber, Body: bytes, ContentLength: bytes.length,
        }));
        return { partNumber, etag: out.ETag ?? '' };
      } catch (error) {
        throw this.mapError(error, `upload part ${partNumber} of ${key}`);
      }
    },
    complete: async (key, uploadId, parts) => {
      try {
        await this.client.send(new CompleteMultipartUploadCommand({
          Bucket: this.bucket, Key: this.prefix + key, UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }));
      } catch (error) {
        throw this.mapError(error, `complete upload of ${key}`);
      }
      const meta = await this.head(key);
      if (!meta) throw new Error(`S3 upload of ${key} completed but the object is not readable`);
      return meta;
    },
    abort: async (key, uploadId) => {
      await this.abortMultipart(this.prefix + key, uploadId);
    },
  };

  /** Start-up check: the bucket exists and the credentials are accepted. */
  async verify(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      const status = statusOf(error);
      const subject = `S3 bucket '${this.bucket}'`;
      if (status === 403 || status === 401) {
        throw new Error(`${subject} at ${this.where}: credentials refused (${reasonOf(error)})`, { cause: error });
      }
      if (status === 404) {
        throw new Error(`${subject} is not reachable at ${this.where}: the bucket does not exist`, { cause: error });
      }
      const message = `${subject} is not reachable at ${this.where}: ${reasonOf(error)}`;
      throw isUnavailable(error) ? new StorageUnavailableError(message, { cause: error }) : new Error(message, { cause: error });
    }
  }

  async put(key: string, body: ReadableStream<Uint8Array>, options: PutOptions): Promise<ObjectMeta> {
    const { signal } = options;
    signal?.throwIfAborted();
    const Key = this.prefix + key;
    const source = Readable.fromWeb(body as NodeWebReadableStream<Uint8Array>);
    // Ending the source is what stops lib-storage: its own abort() returns before
    // in-flight parts settle, which would race our AbortMultipartUpload.
    const onAbort = () => source.destroy(abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: source, ContentType: options.contentType, Metadata: encodeMetadata(options.metadata ?? {}, 'S3') },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      // We abort the multipart upload ourselves so a failing abort cannot hide the real error.
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (error) {
      source.destroy();
      await this.abortMultipart(Key, upload.uploadId);
      throw signal?.aborted ? abortError(signal) : this.mapError(error, `put ${key}`);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    if (signal?.aborted) {
      // The abort came while the last request was completing: honour it anyway.
      await this.delete(key).catch(() => undefined);
      throw abortError(signal);
    }
    const meta = await this.head(key);
    if (!meta) throw new Error(`S3 put of ${key} completed but the object is not readable`);
    return meta;
  }

  private async abortMultipart(Key: string, UploadId: string | undefined): Promise<void> {
    if (!UploadId) return;
    // When the service is down this fails too: the upload's parts would be kept (and billed)
    // forever, so it is retried in the background. Backstops for a process that dies
    // meanwhile: the orphan sweep (abortStaleUploads) and a bucket lifecycle rule.
    if (await this.tryAbort(Key, UploadId)) return;
    this.pendingAborts.set(UploadId, Key);
    this.scheduleAbortRetry();
  }

  private async tryAbort(Key: string, UploadId: string): Promise<boolean> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }));
      return true;
    } catch (error) {
      return statusOf(error) === 404; // NoSuchUpload: already gone
    }
  }

  private scheduleAbortRetry(): void {
    if (this.abortRetryTimer) return;
    const delay = this.abortRetryDelay;
    this.abortRetryDelay = Math.min(delay * 2, ABORT_RETRY_MAX_MS);
    this.abortRetryTimer = setTimeout(() => {
      this.abortRetryTimer = undefined;
      void this.retryAborts();
    }, delay);
    // Never keeps a process (a CLI run, a stopping server) alive on its own.
    this.abortRetryTimer.unref?.();
  }

  private async retryAborts(): Promise<void> {
    for (const [UploadId, Key] of [...this.pendingAborts]) {
      if (await this.tryAbort(Key, UploadId)) this.pendingAborts.delete(UploadId);
    }
    if (this.pendingAborts.size > 0) this.scheduleAbortRetry();
    else this.abortRetryDelay = ABORT_RETRY_FIRST_MS;
  }

  /**
   * Multipart uploads started before `before` and never completed (a process killed
   * mid-upload, an abort that never got through): aborted unless `dryRun`. Keys are
   * given without the store's prefix.
   */
  async abortStaleUploads(before: Date, options: { dryRun?: boolean; keep?: ReadonlySet<string> } = {}): Promise<{ key: string; uploadId: string; initiated: Date }[]> {
    const stale: { key: string; uploadId: string; initiated: Date }[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    try {
      for (;;) {
        const page = await this.client.send(new ListMultipartUploadsCommand({
          Bucket: this.bucket, ...(this.prefix ? { Prefix: this.prefix } : {}), KeyMarker, UploadIdMarker,
        }));
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key?.startsWith(this.prefix) || !upload.UploadId) continue;
          const initiated = upload.Initiated ?? new Date(0);
          if (initiated.getTime() >= before.getTime() || options.keep?.has(upload.UploadId)) continue;
          stale.push({ key: upload.Key.slice(this.prefix.length), uploadId: upload.UploadId, initiated });
        }
        if (!page.IsTruncated) break;
        KeyMarker = page.NextKeyMarker;
        UploadIdMarker = page.NextUploadIdMarker;
      }
    } catch (error) {
      throw this.mapError(error, 'list multipart uploads');
    }
    if (!options.dryRun) {
      for (const upload of stale) {
        try {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.prefix + upload.key, UploadId: upload.uploadId }));
        } catch (error) {
          if (statusOf(error) !== 404) throw this.mapError(error, `abort upload of ${upload.key}`);
        }
        this.pendingAborts.delete(upload.uploadId);
      }
    }
    return stale;
  }

  async head(key: string): Promise<ObjectMeta | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
      return toMeta(out, out.ContentLength ?? 0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw this.mapError(error, `head ${key}`);
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    if (range) checkRange(range);
    let out;
    try {
      out = await this.client.send(new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + key,
        ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
      }));
    } catch (error) {
      if (isNotFound(error)) return null;
      // S3 answers 416 for any range on an empty object; the disk store serves it whole.
      if (range && statusOf(error) === 416 && (await this.head(key))?.size === 0) return this.get(key);
      throw this.mapError(error, `get ${key}`);
    }
    const served = parseContentRange(out.ContentRange);
    const meta = toMeta(out, served?.total ?? out.ContentLength ?? 0);
    let body = out.Body!.transformToWebStream() as ReadableStream<Uint8Array>;
    if (!served || !range) return { ...meta, body };
    if (served.total === 0) {
      // Some servers "serve" bytes 0-0/0 for an empty object; answer like the disk store.
      await body.cancel();
      return { ...meta, body: new ReadableStream({ start: (c) => c.close() }) };
    }
    // Some servers (s3rver) read `bytes=0-0` as "from 0 to the end": send only what was asked.
    const end = Math.min(served.end, range.end);
    if (end < served.end) body = limitBytes(body, end - served.start + 1);
    return { ...meta, body, range: { start: served.start, end } };
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw this.mapError(error, `delete ${key}`);
    }
  }

  async *list(): AsyncIterable<{ key: string; lastModified: Date; size: number }> {
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, ...(this.prefix ? { Prefix: this.prefix } : {}) },
    );
    try {
      for await (const page of pages) {
        for (const item of page.Contents ?? []) {
          if (!item.Key?.startsWith(this.prefix)) continue;
          yield { key: item.Key.slice(this.prefix.length), lastModified: item.LastModified ?? new Date(0), size: item.Size ?? 0 };
        }
      }
    } catch (error) {
      throw this.mapError(error, 'list');
    }
  }

  /**
   * Presigns a GET carrying the type and RFC 6266 disposition (response-content-*).
   * Asks the service first (one HEAD): during an outage the delegate gets our 503
   * page instead of a redirect into a connection error, and a missing object gives
   * null (the caller then answers 404) instead of a link to S3's XML error.
   */
  async signedDownloadUrl(key: string, options: SignedUrlOptions): Promise<string | null> {
    if (!(await this.head(key))) return null;
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.prefix + key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  private mapError(error: unknown, what: string): unknown {
    if (!isUnavailable(error)) return error;
    return new StorageUnavailableError(`S3 ${what}: ${this.where} is unavailable (${reasonOf(error)})`, { cause: error });
  }
}

/** For start-up code that holds the store as an ObjectStore. */
export async function checkS3Store(store: S3Store): Promise<void> {
  await store.verify();
}


interface HeadLike {
  ContentType?: string;
  ETag?: string;
  LastModified?: Date;
  Metadata?: Record<string, string>;
}

function toMeta(out: HeadLike, size: number): ObjectMeta {
  const etag = out.ETag ?? '';
  return {
    size,
    contentType: out.ContentType ?? 'application/octet-stream',
    etag: etag.startsWith('"') ? etag : `"${etag}"`,
    lastModified: out.LastModified ?? new Date(0),
    metadata: decodeMetadata(out.Metadata),
  };
}

function checkRange(range: ByteRange): void {
  // Only integers reach the Range header.
  if (!Number.isSafeInteger(range.start) || !Number.isSafeInteger(range.end) || range.start < 0 || range.end < range.start) {
    throw new RangeError(`invalid byte range ${JSON.stringify(range)}`);
  }
}

function parseContentRange(value: string | undefined): { start: number; end: number; total: number } | undefined {
  const match = value ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value) : null;
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

function limitBytes(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let left = limit;
  return body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const part = chunk.subarray(0, left);
      left -= part.length;
      controller.enqueue(part);
      if (left === 0) controller.terminate(); // also cancels the rest of the download
    },
  }));
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}

/** Connection failures, timeouts and 5xx answers that survived the SDK's retries. */
function isUnavailable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== undefined && [500, 502, 503, 504].includes(status)) return true;
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: string; name?: string };
    if ((code && NETWORK_CODES.has(code)) || name === 'TimeoutError') return true;
  }
  return false;
}

function reasonOf(error: unknown): string {
  const e = error as { name?: string; code?: string; message?: string } | null;
  // Bodiless answers (HEAD) come back named 'Unknown' / 'UnknownError': the status says more.
  const parts = [e?.code ?? e?.name, e?.message].filter((p) => p && !/^Unknown(Error)?$/.test(p));
  const status = statusOf(error);
  const text = [...new Set(parts)].join(': ');
  if (status) return text ? `${text} (HTTP ${status})` : `HTTP ${status}`;
  return text || 'unknown error';
}

function abortError(signal: AbortSignal | undefined): Error {
  return Object.assign(new Error('The upload was aborted', { cause: signal?.reason }), { name: 'AbortError' });
}

function describeEndpoint(options: S3StoreOptions): string {
  if (!options.endpoint) return `AWS S3 (${options.region})`;
  try {
    const url = new URL(options.endpoint);
    // Never echo credentials someone put in the URL into logs.
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return options.endpoint;
  }
}

/** Shared pieces of the S3 tests: a store on s3rver, leftovers, a generated streaming upload. */
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { S3Store, type S3StoreOptions } from '../../server/runtime/node/s3-store';
import type { ApiClient } from '../support/api-client';
import type { S3rverHandle } from '../support/s3rver';

export const MB = 1024 * 1024;

export function s3Options(s3: S3rverHandle, overrides: Partial<S3StoreOptions> = {}): S3StoreOptions {
  const { endpoint, region, bucket, accessKeyId, secretAccessKey } = s3;
  return { endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle: true, ...overrides };
}

/** The same settings as environment variables, for the real server and the CLI. */
export function s3Env(s3: S3rverHandle, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    STORAGE: 's3', S3_ENDPOINT: s3.endpoint, S3_REGION: s3.region, S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_FORCE_PATH_STYLE: 'true',
    ...overrides,
  };
}

export const storeOn = (s3: S3rverHandle, overrides: Partial<S3StoreOptions> = {}) => new S3Store(s3Options(s3, overrides));

/** Multipart uploads the bucket still holds (parts that were never completed or aborted). */
export async function pendingUploads(store: S3Store, bucket: string): Promise<string[]> {
  const out = await store.client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (out.Uploads ?? []).map((u) => `${u.Key} (upload ${u.UploadId})`);
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A meeting with one session, published, and the session's code token. */
export async function publishedSession(api: ApiClient, title = 'Kỳ họp thứ 9 HĐND huyện') {
  const meeting = (await api.post('/api/meetings', { title })).body.meeting;
  const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên 1: Báo cáo' })).body.session;
  const published = await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
  if (published.status !== 200) throw new Error(`publish failed: ${published.status}`);
  const token: string = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
  return { meetingId: meeting.id as string, sessionId: session.id as string, token };
}

export interface GeneratedUpload {
  /** The multipart/form-data body, produced on demand (never all in memory). */
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** sha256 of the file's bytes (complete once the body has been read to the end). */
  sha256(): string;
  /** File bytes handed out so far. */
  sent(): number;
  /** Resolves when `pauseAt` file bytes have been handed out; the body then waits for resume(). */
  paused: Promise<void>;
  resume(): void;
}

/**
 * One "file" part of `size` bytes: a PDF header, then random bytes in 256 KB chunks,
 * hashed as they go out. With `pauseAt`, the stream stops there until resume().
 */
export function generatedPdfUpload(filename: string, size: number, options: { sessionId?: string; pauseAt?: number } = {}): GeneratedUpload {
  const boundary = `----qrhop${randomBytes(8).toString('hex')}`;
  const enc = new TextEncoder();
  const fields = options.sessionId
    ? `--${boundary}\r\nContent-Disposition: form-data; name="sessionId"\r\n\r\n${options.sessionId}\r\n`
    : '';
  // The name goes out as raw UTF-8, as browsers send it.
  const head = enc.encode(`${fields}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = enc.encode(`\r\n--${boundary}--\r\n`);
  const hash = createHash('sha256');
  let sent = 0;
  let stage: 'head' | 'file' | 'tail' | 'done' = 'head';
  let markPaused!: () => void;
  let resumed!: () => void;
  const paused = new Promise<void>((resolve) => (markPaused = resolve));
  const resumePromise = new Promise<void>((resolve) => (resumed = resolve));
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (stage === 'head') {
          stage = 'file';
          return controller.enqueue(head);
        }
        if (stage === 'file') {
          if (options.pauseAt !== undefined && sent >= options.pauseAt) {
            markPaused();
            await resumePromise;
          }
          if (sent >= size) {
            stage = 'tail';
            return controller.enqueue(tail);
          }
          const room = Math.min(256 * 1024, size - sent, options.pauseAt !== undefined && sent < options.pauseAt ? options.pauseAt - sent : Infinity);
          const chunk = sent === 0 ? Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(room - 9)]) : randomBytes(room);
          sent += chunk.length;
          hash.update(chunk);
          return controller.enqueue(chunk);
        }
        if (stage === 'tail') {
          stage = 'done';
          return controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
  let digest: string | undefined;
  return {
    body,
    contentType: `multipart/form-data; boundary=${boundary}`,
    sha256: () => (digest ??= hash.digest('hex')),
    sent: () => sent,
    paused,
    resume: () => resumed(),
  };
}

export async function sha256Of(stream: ReadableStream<Uint8Array> | null): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of (stream ?? new ReadableStream()) as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

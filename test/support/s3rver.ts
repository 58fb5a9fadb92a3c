/**
 * An in-process S3-compatible server (s3rver) for tests: one per caller, on its
 * own loopback port and temp folder, so parallel test files never share state.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface S3rverApp {
  callback(): (req: IncomingMessage, res: import('node:http').ServerResponse) => void;
  configureBuckets(): Promise<unknown>;
  middleware: unknown[];
}
type S3rverCtor = new (options: Record<string, unknown>) => S3rverApp;

// s3rver is CommonJS and ships no types.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;

export interface S3rverHandle {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** s3rver's data folder (kept across stop/restart). */
  directory: string;
  /** Simulates an outage: stops listening and drops open connections. Data is kept. */
  stop(): Promise<void>;
  /** Comes back on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops for good and deletes the data folder. */
  destroy(): Promise<void>;
}

export async function startS3rver(options: { bucket?: string } = {}): Promise<S3rverHandle> {
  const bucket = options.bucket ?? 'qrhop-test';
  const directory = await mkdtemp(join(tmpdir(), 'qrhop-s3rver-'));
  const app = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket }] });
  // s3rver lacks ListMultipartUploads and AbortMultipartUpload; the shim adds them
  // (ahead of s3rver's router) so abort-cleanup can be checked as against real S3.
  app.middleware.unshift(multipartShim(directory));
  await app.configureBuckets();

  let server: Server | undefined = await listen(app, 0);
  const port = (server.address() as AddressInfo).port;

  const stop = async () => {
    if (!server) return;
    const closing = server;
    server = undefined;
    const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
    closing.closeAllConnections();
    await closed;
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    directory,
    stop,
    async restart() {
      await stop();
      server = await listenWithRetry(app, port);
    },
    async destroy() {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function listen(app: S3rverApp, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app.callback());
    server.once('error', reject);
    // Loopback only: the test server accepts the well-known S3RVER credentials.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

// The port can be briefly held by a client socket of another test; retry a few times.
async function listenWithRetry(app: S3rverApp, port: number): Promise<Server> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await listen(app, port);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}

/**
 * ListMultipartUploads and AbortMultipartUpload over s3rver's own on-disk state
 * (`<dir>/<bucket>/._S3rver_uploads/<uploadId>/key`), path-style requests only.
 * Test-only: it skips signature checks.
 */
function multipartShim(directory: string) {
  const uploadsDir = (bucket: string) => join(directory, bucket, '._S3rver_uploads');
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    const [, bucket = '', ...keyParts] = ctx.path.split('/');
    const key = keyParts.join('/'); // '' for bucket-level requests (`/bucket` or `/bucket/`)
    if (!/^[a-z0-9.-]{3,63}$/.test(bucket)) return next();
    if (ctx.method === 'GET' && key === '' && 'uploads' in ctx.query) {
      const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
      const uploads = await pendingUploads(uploadsDir(bucket));
      const items = uploads
        .filter((u) => u.key.startsWith(prefix))
        .map((u) => `<Upload><Key>${xml(u.key)}</Key><UploadId>${u.id}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated></Upload>`);
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>${bucket}</Bucket>` +
        `<Prefix>${xml(prefix)}</Prefix><IsTruncated>false</IsTruncated>${items.join('')}</ListMultipartUploadsResult>`;
      return;
    }
    const uploadId = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && key !== '' && typeof uploadId === 'string') {
      // The id becomes a path segment: hex only, as s3rver generates it.
      const dir = /^[0-9a-f]{8,64}$/.test(uploadId) ? join(uploadsDir(bucket), uploadId) : '';
      if (!dir || !(await stat(dir).catch(() => null))) {
        ctx.status = 404;
        ctx.type = 'application/xml';
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>';
        return;
      }
      await rm(dir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    return next();
  };
}

async function pendingUploads(dir: string): Promise<{ id: string; key: string; initiated: Date }[]> {
  const ids = await readdir(dir).catch(() => [] as string[]);
  const uploads = [];
  for (const id of ids) {
    // A part written after the key file vanished still counts as a leftover.
    const key = await readFile(join(dir, id, 'key'), 'utf8').catch(() => '');
    const info = await stat(join(dir, id)).catch(() => null);
    if (info) uploads.push({ id, key, initiated: info.mtime });
  }
  return uploads;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

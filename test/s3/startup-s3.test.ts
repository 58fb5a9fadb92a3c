/**
 * `STORAGE=s3` with a bucket the server cannot use: the Node server stops at
 * start-up with one line naming the bucket, the endpoint and the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { freePort, startServer } from '../support/start-server';
import { s3Env } from './s3-fixtures';

/** Starts the server, expects it to exit, and returns its lines without the runtime's own warnings. */
async function failedStart(env: Record<string, string>): Promise<string[]> {
  const error = await startServer(env).then(
    async (server) => {
      await server.kill();
      return null;
    },
    (e: unknown) => e as Error,
  );
  expect(error, 'the server should have refused to start').toBeInstanceOf(Error);
  const [first, ...output] = error!.message.split('\n');
  expect(first).toBe('server exited early (1):');
  return output.filter((line) => line.startsWith('qrhop'));
}

describe('start-up with S3 storage that cannot be used', () => {
  let s3: S3rverHandle;
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(async () => {
    await s3?.destroy();
  });

  it('unreachable endpoint: one line, with the endpoint and the connection error', async () => {
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const lines = await failedStart(s3Env(s3, { S3_ENDPOINT: endpoint }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^qrhop: failed to start: S3 bucket 'qrhop-test' is not reachable at ${endpoint}: ECONNREFUSED\\b`));
  });

  it('refused credentials: one line, without the secret', async () => {
    const lines = await failedStart(s3Env(s3, { S3_ACCESS_KEY_ID: 'NOT-A-KEY', S3_SECRET_ACCESS_KEY: 'not-the-secret-value' }));
    expect(lines).toEqual([`qrhop: failed to start: S3 bucket 'qrhop-test' at ${s3.endpoint}: credentials refused (HTTP 403)`]);
    expect(lines.join('\n')).not.toContain('not-the-secret-value');
  });

  it('missing bucket: one line saying so', async () => {
    const lines = await failedStart(s3Env(s3, { S3_BUCKET: 'no-such-bucket' }));
    expect(lines).toEqual([`qrhop: failed to start: S3 bucket 'no-such-bucket' is not reachable at ${s3.endpoint}: the bucket does not exist`]);
  });

  it('STORAGE=s3 without its settings: one line naming the variable', async () => {
    const lines = await failedStart({ STORAGE: 's3', S3_BUCKET: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' });
    expect(lines).toEqual(['qrhop: Missing S3_BUCKET: required when STORAGE=s3']);
  });

  it('a good bucket starts, and says where the documents go', async () => {
    const server = await startServer(s3Env(s3));
    try {
      expect(server.output()).toContain(`S3 bucket ${s3.bucket}`);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

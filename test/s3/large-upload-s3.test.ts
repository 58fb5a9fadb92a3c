/**
 * A 50 MB document through the real Node server (a child process, STORAGE=s3 on
 * s3rver): it is streamed to S3, never held whole in the server's memory, and the
 * delegate's presigned download gives back the same bytes, type and name.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Store } from '../../server/runtime/node/s3-store';
import { ApiClient } from '../support/api-client';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { startServer, type RunningServer } from '../support/start-server';
import { MB, generatedPdfUpload, type GeneratedUpload, pendingUploads, publishedSession, s3Env, sha256Of, storeOn, waitFor } from './s3-fixtures';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'large-upload-password' };
const VI_NAME = 'Báo cáo tổng hợp ý kiến cử tri – Đợt 2.pdf';
const SIZE = 50 * MB;
const PROBE = fileURLToPath(new URL('./memory-probe.mjs', import.meta.url));

/** Resident memory of a process, from /proc: current and peak (bytes). */
function residentOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Resets the kernel's peak (VmHWM) to the current RSS; false where that is not allowed. */
function resetResidentPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

interface LiveMemory { live: number; heapUsed: number; external: number; arrayBuffers: number; rss: number }

/** Asks the probe inside the server for its live memory now and its peak since the last call. */
async function probe(server: RunningServer): Promise<{ now: LiveMemory; peak: LiveMemory }> {
  const seen = server.output().split('\n').filter((l) => l.startsWith('memory-probe ')).length;
  server.child.kill('SIGUSR2');
  let line: string | undefined;
  await waitFor(() => (line = server.output().split('\n').filter((l) => l.startsWith('memory-probe '))[seen]) !== undefined, 5_000, 'memory probe answer');
  return JSON.parse(line!.slice('memory-probe '.length));
}

/** Streams a generated multipart body to the server's upload route. */
function postUpload(server: RunningServer, api: ApiClient, meetingId: string, upload: GeneratedUpload): Promise<Response> {
  return fetch(`${server.url}/api/meetings/${meetingId}/documents`, {
    method: 'POST',
    body: upload.body,
    headers: { 'content-type': upload.contentType, cookie: `qrhop_session=${api.cookie('qrhop_session')}` },
    duplex: 'half',
  } as RequestInit);
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

describe('a 50 MB upload to S3 through the real server', () => {
  let s3: S3rverHandle;
  let store: S3Store;
  let server: RunningServer;
  let api: ApiClient;

  beforeAll(async () => {
    s3 = await startS3rver();
    store = storeOn(s3);
    server = await startServer({
      ...ADMIN, ...s3Env(s3), MAX_UPLOAD_MB: '60', DOWNLOAD_MODE: 'redirect',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROBE}`.trim(),
    });
    api = new ApiClient((path, init) => fetch(server.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
    store?.client.destroy();
    await s3?.destroy();
  });

  it('streams it (the server\'s live memory does not grow by the file\'s size) and the presigned download matches byte for byte', { timeout: 120_000 }, async () => {
    const ids = await publishedSession(api);
    // Warm up: the S3 client, the multipart parser and the routes are loaded before measuring.
    // (Generated as it is sent: building a big body first could block this process long enough
    // for the server to close the idle keep-alive connection under it — EPIPE.)
    expect((await postUpload(server, api, ids.meetingId, generatedPdfUpload('warm-up.pdf', 9 * MB))).status).toBe(201);

    const pid = server.child.pid!;
    const before = (await probe(server)).now;
    const residentBefore = residentOf(pid).rss;
    const kernelPeak = resetResidentPeak(pid);

    const upload = generatedPdfUpload(VI_NAME.normalize('NFD'), SIZE, { sessionId: ids.sessionId });
    const started = Date.now();
    const res = await postUpload(server, api, ids.meetingId, upload);
    const seconds = (Date.now() - started) / 1000;
    const during = (await probe(server)).peak;
    const resident = residentOf(pid);
    expect(res.status).toBe(201);
    const doc = (await res.json()).documents[0];
    expect(doc.size).toBe(SIZE);
    expect(doc.filename).toBe(VI_NAME.normalize('NFC'));

    const liveGrowth = during.live - before.live;
    console.log(
      `50 MB upload to S3 in ${seconds.toFixed(1)} s. Server live memory (after GC): ${mb(before.live)} before, ` +
        `peak ${mb(during.live)} (+${mb(liveGrowth)}; Buffers ${mb(during.arrayBuffers - before.arrayBuffers)}). ` +
        `RSS: ${mb(residentBefore)} before, ${kernelPeak ? `peak ${mb(resident.peak)} (+${mb(resident.peak - residentBefore)}), ` : ''}` +
        `${mb(resident.rss)} after (RSS also holds garbage not yet collected).`,
    );
    // Seen here: +37 MB for 20, 50 and 150 MB files alike — two 8 MB parts in flight plus
    // the part being filled (≈ 24 MB of Buffers) and ~12 MB of socket buffers. A file
    // buffered whole would add at least its own 50 MB on top of the parts (≥ 74 MB); the bound
    // sits between the two, with room for a loaded machine (47 MB seen once under load).
    expect(liveGrowth).toBeLessThan(SIZE + 10 * MB);

    // The delegate's link: a 302 to a presigned GET carrying the type and the Vietnamese name.
    const hop = await fetch(`${server.url}/s/${ids.token}/d/${doc.id}?download=1`, { redirect: 'manual' });
    expect(hop.status).toBe(302);
    const location = new URL(hop.headers.get('location')!);
    expect(location.origin).toBe(s3.endpoint);
    const encodedName = encodeURIComponent(VI_NAME.normalize('NFC'));
    expect(location.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(location.searchParams.get('response-content-disposition')).toContain(`filename*=UTF-8''${encodedName}`);
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Bao cao tong hop y kien cu tri _ Dot 2\.pdf"; /);
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodedName}`);
    expect(await sha256Of(download.body)).toEqual({ sha256: upload.sha256(), bytes: SIZE });

    // Multipart really was used, and completed: nothing pending.
    expect(await pendingUploads(store, s3.bucket)).toEqual([]);
  });
});

/**
 * DOWNLOAD_MODE=redirect on S3: the delegate's document link answers 302 to a
 * presigned GET that expires within minutes and makes S3 itself send the type
 * and the RFC 6266 name; following it gives the uploaded bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Store } from '../../server/runtime/node/s3-store';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf, sha256 } from '../support/sample-files';
import { startS3rver, type S3rverHandle } from '../support/s3rver';
import { publishedSession, storeOn } from './s3-fixtures';

const VI_NAME = 'Dự thảo Nghị quyết – Đoàn Gio Linh.pdf';
const PASSWORD = 'correct horse battery';

describe('presigned redirect downloads (S3 on s3rver)', () => {
  let s3: S3rverHandle;
  let store: S3Store;
  let app: NodeTestApp;
  let api: ApiClient;
  let token: string;
  let meetingId: string;
  let docId: string;
  const pdf = makePdf('Du thao', 200 * 1024);

  beforeAll(async () => {
    s3 = await startS3rver();
    store = storeOn(s3);
    app = await makeNodeApp({ store, settings: { downloadMode: 'redirect' } });
    await app.addUser({ email: 'org@example.org', name: 'Văn phòng', password: PASSWORD, role: 'organizer' });
    api = new ApiClient(app.fetch);
    await api.login('org@example.org', PASSWORD);
    const session = await publishedSession(api);
    ({ token, meetingId } = session);
    const up = await api.upload(`/api/meetings/${meetingId}/documents`, [{ name: VI_NAME.normalize('NFD'), bytes: pdf, type: 'application/pdf' }], { sessionId: session.sessionId });
    expect(up.status).toBe(201);
    docId = up.body.documents[0].id;
  });
  afterAll(async () => {
    await app?.close();
    store?.client.destroy();
    await s3?.destroy();
  });

  it('answers 302 to a presigned URL valid for minutes, not cached, not leaking the code in a Referer', async () => {
    const res = await app.fetch(`/s/${token}/d/${docId}`);
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(s3.endpoint);
    expect(location.pathname).toMatch(new RegExp(`^/${s3.bucket}/docs/${meetingId}/${docId}/`));
    const expires = Number(location.searchParams.get('X-Amz-Expires'));
    expect(expires).toBe(5 * 60); // the README: "a presigned URL valid 5 minutes"
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    // The type and the RFC 6266 name (Vietnamese intact, NFC) travel in the signed URL.
    expect(location.searchParams.get('response-content-type')).toBe('application/pdf');
    const disposition = location.searchParams.get('response-content-disposition')!;
    expect(disposition).toBe(`inline; filename="Du thao Nghi quyet _ Doan Gio Linh.pdf"; filename*=UTF-8''${encodeURIComponent(VI_NAME.normalize('NFC'))}`);
  });

  it('the presigned URL serves the same bytes, type and name straight from S3', async () => {
    const hop = await app.fetch(`/s/${token}/d/${docId}`);
    const res = await fetch(hop.headers.get('location')!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(VI_NAME.normalize('NFC'))}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(pdf.length);
    expect(await sha256(bytes)).toBe(await sha256(pdf));
    // A PDF viewer's range requests go to S3 directly.
    const part = await fetch(hop.headers.get('location')!, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${pdf.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(pdf.subarray(100, 200));
  });

  it('?download=1 signs an attachment disposition', async () => {
    const hop = await app.fetch(`/s/${token}/d/${docId}?download=1`);
    expect(hop.status).toBe(302);
    const res = await fetch(hop.headers.get('location')!);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(VI_NAME.normalize('NFC'))}`);
    await res.arrayBuffer();
  });

  it('a matching If-None-Match gets 304 from the app, without a redirect', async () => {
    const hop = await app.fetch(`/s/${token}/d/${docId}`);
    const etag = (await fetch(hop.headers.get('location')!, { method: 'HEAD' })).headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    const again = await app.fetch(`/s/${token}/d/${docId}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('location')).toBeNull();
  });

  it('counts a redirect as one document open', async () => {
    const phone = new ApiClient(app.fetch, { 'user-agent': 'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Mobile Safari/537.36 Zalo iOS' });
    await app.recorder.flush();
    const before = (await api.get(`/api/meetings/${meetingId}/stats`)).body.totals.opens;
    expect((await phone.fetch(`/s/${token}/d/${docId}`)).status).toBe(302);
    await app.recorder.flush();
    expect((await api.get(`/api/meetings/${meetingId}/stats`)).body.totals.opens).toBe(before + 1);
  });

  it('a version whose object is missing from the bucket is a 404, not a link to an S3 error', async () => {
    const key = [...(await listKeys(store))].find((k) => k.includes(`/${docId}/`))!;
    await store.delete(key);
    const res = await app.fetch(`/s/${token}/d/${docId}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
  });
});

async function listKeys(store: S3Store): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of store.list()) keys.push(item.key);
  return keys;
}

import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { inspectDataDir } from '../support/inspect-data';
import { makePdf, sha256 } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'crash-test-password' };

/** Starts a multipart upload and keeps sending until `stopAfter` bytes, then waits (the server is killed meanwhile). */
function startEndlessUpload(url: string, cookie: string, stopAfter: number): Promise<void> {
  return new Promise((resolve) => {
    const boundary = '----qrhopcrash';
    const req = request(url, { method: 'POST', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(stopAfter * 4) } });
    req.on('error', () => resolve());
    req.on('response', () => resolve());
    const pdf = makePdf('partial');
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Dở dang.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    req.write(pdf.subarray(0, pdf.length - 10));
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent < stopAfter) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      setTimeout(resolve, 50); // body half sent; the connection stays open
    };
    pump();
  });
}

describe('a crash in the middle of an upload', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.kill();
  });

  // Two server starts (about 11 s each at a load average of 15) and the publish's background book build:
  // main took 29.2 s of the 30 s default on 2026-12-01, so the default was no longer a safe bound.
  it('never leaves a document pointing at a missing or partial object, and keeps what was stored', { timeout: 90_000 }, async () => {
    server = await startServer(ADMIN);
    const api = new ApiClient((path, init) => fetch(server!.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const meeting = (await api.post('/api/meetings', { title: 'Kỳ họp thứ 9' })).body.meeting;
    const kept = makePdf('kept', 300 * 1024);
    const first = await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Đã lưu.pdf', bytes: kept }]);
    expect(first.status).toBe(201);

    await startEndlessUpload(`${server.url}/api/meetings/${meeting.id}/documents`, `qrhop_session=${api.cookie('qrhop_session')}`, 8 * 1024 * 1024);
    // The partial upload is really in flight, in .tmp, when the process dies.
    const deadline = Date.now() + 10_000;
    while (inspectDataDir(server.dataDir).tmpFiles.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(inspectDataDir(server.dataDir).tmpFiles.length).toBeGreaterThan(0);
    await server.kill();

    const afterKill = inspectDataDir(server.dataDir);
    expect(afterKill.integrity).toBe('ok');
    expect(afterKill.versions).toHaveLength(1); // the interrupted file never got a row
    expect(afterKill.broken).toEqual([]);

    server = await startServer(ADMIN, { dataDir: server.dataDir });
    const restarted = inspectDataDir(server.dataDir);
    expect(restarted.tmpFiles).toEqual([]); // leftovers removed at start
    const api2 = new ApiClient((path, init) => fetch(server!.url + path, init));
    await api2.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const docs = (await api2.get(`/api/meetings/${meeting.id}/documents`)).body.documents;
    expect(docs.map((d: any) => d.filename)).toEqual(['Đã lưu.pdf']);
    // The stored file is intact and still served.
    const detail = (await api2.get(`/api/meetings/${meeting.id}`)).body;
    const session = (await api2.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên 1' })).body.session;
    await api2.put(`/api/sessions/${session.id}/documents`, { documentIds: [docs[0].id] });
    await api2.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
    const token = (await api2.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;
    const res = await fetch(`${server.url}/s/${token}/d/${docs[0].id}`);
    expect(await sha256(new Uint8Array(await res.arrayBuffer()))).toBe(await sha256(kept));
    expect(detail.documents).toHaveLength(1);
  });
});

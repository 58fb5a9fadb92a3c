import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { queueMissingRenditions } from '../../server/reader/queue-missing-renditions';
import { RENDER_DOCUMENT } from '../../server/reader/queue-rendition';
import { renderDocumentJob } from '../../server/reader/render-document-job';
import { LibreOfficeRenderer } from '../../server/runtime/node/reader/libreoffice-renderer';
import { PopplerRenderer } from '../../server/runtime/node/reader/poppler-renderer';
import { sweepOrphans } from '../../server/storage/sweep-orphans';
import { pageText } from '../delegate/delegate-harness';
import { makeLockedPdf, makeTextPdf, makeXlsx } from './office-fixtures';
import { makeReaderApp, type ReaderApp } from './reader-harness';

const body = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });

describe('rendition lifecycle', { timeout: 180_000 }, () => {
  let h: ReaderApp;
  afterEach(async () => h?.close());

  it('a new version supersedes the queued job of the old one; once made, its rendition replaces the old one', async () => {
    h = await makeReaderApp({ start: false });
    const m = await h.openMeeting();
    const doc = await h.uploadFile(m.meetingId, m.sessionId, 'Báo cáo.pdf', await makeTextPdf(1));
    const replaced = await h.admin.upload(`/api/documents/${doc.id}/file`, [{ name: 'Báo cáo v2.pdf', bytes: await makeTextPdf(2) }], {}, 'PUT');
    expect(replaced.status).toBe(200);
    await h.runner.start();
    await h.runner.idle();
    expect(h.db.sqlite.prepare("select status, payload from jobs where kind = 'render-document' order by created_at").all()).toEqual([
      { status: 'superseded', payload: '{"version":1}' }, { status: 'done', payload: '{"version":2}' },
    ]);
    expect((await h.rendition(doc.id)).map((r) => [r.version, r.status])).toEqual([[2, 'ready']]);
    // A third version, made after the second's rendition: the v2 files go once v3's are made.
    await h.admin.upload(`/api/documents/${doc.id}/file`, [{ name: 'Báo cáo v3.pdf', bytes: await makeTextPdf(3) }], {}, 'PUT');
    await h.runner.idle();
    expect((await h.rendition(doc.id)).map((r) => [r.version, r.status, r.pagesDone])).toEqual([[3, 'ready', 3]]);
    expect((await h.keys()).filter((k) => k.startsWith('renditions/')).sort()).toEqual([1, 2, 3].map((n) => `renditions/${doc.id}/v3/p${n}`));
  });

  it('deleting a document deletes its rendition files; the sweep removes rendition files nothing points to', async () => {
    h = await makeReaderApp();
    const m = await h.openMeeting();
    const doc = await h.uploadFile(m.meetingId, m.sessionId, 'Xóa.pdf', await makeTextPdf(2));
    const kept = await h.uploadFile(m.meetingId, m.sessionId, 'Giữ.pdf', await makeTextPdf(1));
    await h.runner.idle();
    expect((await h.keys()).filter((k) => k.startsWith(`renditions/${doc.id}/`))).toHaveLength(2);
    expect((await h.admin.del(`/api/documents/${doc.id}`)).status).toBe(204);
    expect((await h.keys()).filter((k) => k.startsWith(`renditions/${doc.id}/`))).toEqual([]);
    await h.store.put('renditions/gone-document/v1/p1', body(new Uint8Array([1, 2, 3])), { contentType: 'image/png' });
    const result = await sweepOrphans(h.db.db, h.store, { graceMs: 0, now: Date.now() + 1000 });
    expect(result.removed.map((o) => o.key)).toEqual(['renditions/gone-document/v1/p1']);
    expect(await h.keys()).toContain(`renditions/${kept.id}/v1/p1`);
  });

  it('the console sees each document\'s reader state: ready with pages, failed with its reason, unavailable without LibreOffice', async () => {
    const ports = { ...(await (await import('../../server/runtime/node/reader/node-reader-ports')).nodeReaderPorts(() => {})), office: undefined };
    h = await makeReaderApp({ ports });
    const m = await h.openMeeting();
    const ok = await h.uploadFile(m.meetingId, m.sessionId, 'Tốt.pdf', await makeTextPdf(2));
    const locked = await h.uploadFile(m.meetingId, m.sessionId, 'Mật khẩu.pdf', makeLockedPdf());
    const sheet = await h.uploadFile(m.meetingId, m.sessionId, 'Bảng.xlsx', makeXlsx());
    await h.runner.idle();
    const list = (await h.admin.get(`/api/meetings/${m.meetingId}/documents`)).body.documents as { id: string; reader: Record<string, unknown> }[];
    const reader = (id: string) => list.find((d) => d.id === id)!.reader;
    expect(reader(ok.id)).toMatchObject({ status: 'ready', format: 'pages', pagesDone: 2, pagesTotal: 2, capped: false });
    expect(reader(locked.id)).toMatchObject({ status: 'failed', error: 'pdf_password' });
    expect(reader(sheet.id)).toMatchObject({ status: 'unavailable', error: 'no_libreoffice' });
    // The delegate still gets the original, and the reader says there is no phone version.
    const page = pageText(await (await h.phone().fetch(`/s/${m.token}/r/${sheet.id}`)).text());
    expect(page).toContain('Tài liệu này chưa có bản đọc trên điện thoại');
    expect((await h.phone().fetch(`/s/${m.token}/d/${sheet.id}?download=1`)).status).toBe(200);
  });

  it('caps the pages rendered and says so in the reader', async () => {
    h = await makeReaderApp({ render: { maxPages: 3 } });
    const m = await h.openMeeting();
    const doc = await h.uploadFile(m.meetingId, m.sessionId, 'Dài.pdf', await makeTextPdf(5));
    await h.runner.idle();
    expect((await h.rendition(doc.id))[0]).toMatchObject({ status: 'ready', pagesDone: 3, sourcePages: 5, capped: true });
    const text = pageText(await (await h.phone().fetch(`/s/${m.token}/r/${doc.id}`)).text());
    expect(text).toContain('Bản đọc chỉ có 3 trang đầu trong tổng số 5 trang');
  });

  it('a hanging LibreOffice is killed with its children at the job\'s time limit; the rendition fails with a reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qrhop-hang-'));
    const fake = join(dir, 'soffice');
    // A soffice that starts a helper and never answers, like a stuck conversion.
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${dir}/pid\nsleep 300 &\necho $! > ${dir}/child\nwait\n`);
    chmodSync(fake, 0o755);
    const pages = new PopplerRenderer();
    h = await makeReaderApp({ handlers: {} });
    const handler = renderDocumentJob(h.store, { pages, office: new LibreOfficeRenderer(pages, fake) }, { timeLimitMs: 1500 });
    const { JobRunner } = await import('../../server/jobs/job-runner');
    const runner = new JobRunner({ db: h.db.db, now: () => h.clock.now }, { [RENDER_DOCUMENT]: handler }, { concurrency: 1, graceMs: 3000, log: () => {} });
    await runner.start();
    const m = await h.openMeeting();
    const doc = await h.uploadFile(m.meetingId, m.sessionId, 'Treo.xlsx', makeXlsx());
    runner.wake();
    const started = Date.now();
    await runner.idle();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await h.rendition(doc.id))[0]).toMatchObject({ status: 'failed', error: 'timeout' });
    // Alive: the process exists and is not a zombie waiting for a parent to reap it.
    const alive = (file: string) => {
      const pid = readFileSync(join(dir, file), 'utf8').trim();
      try {
        return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    expect(existsSync(join(dir, 'child'))).toBe(true);
    await expect.poll(() => [alive('pid'), alive('child')]).toEqual([false, false]);
    await runner.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents without a rendition (older uploads, a restored backup) are queued at start, and the organizer previews the reader before publication', async () => {
    h = await makeReaderApp({ start: false });
    const meeting = await h.meeting('Họp chưa công bố');
    const doc = (await h.admin.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Dự thảo.pdf', bytes: await makeTextPdf(1) }])).body.documents[0];
    h.db.sqlite.exec("delete from rendition_pages; delete from renditions; delete from jobs");
    expect(await queueMissingRenditions(h.db.db, h.clock.now)).toBe(1);
    await h.runner.start();
    await h.runner.idle();
    expect((await h.rendition(doc.id))[0]).toMatchObject({ status: 'ready', pagesDone: 1 });
    const preview = await h.admin.fetch(`/api/documents/${doc.id}/preview`);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain(`src="/api/documents/${doc.id}/preview/p/1?v=1"`);
    const image = await h.admin.fetch(`/api/documents/${doc.id}/preview/p/1?v=1`);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
    expect((await h.phone().fetch(`/api/documents/${doc.id}/preview`)).status).toBe(401);
  });
});

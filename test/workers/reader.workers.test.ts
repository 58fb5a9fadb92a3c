import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { renditionPages, renditions } from '../../server/db/schema';
import { defineRenditionUploadScenarios } from '../scenarios/rendition-upload.scenarios';
import { ApiClient } from '../support/api-client';
import { makeDocx, makePagesPdf } from '../support/reader-files';
import { makeWorkerHarness, type WorkerHarness } from './worker-harness';

// Page images made by a client, uploaded to the Worker (D1 + R2).
defineRenditionUploadScenarios('workerd, D1, R2', async () => {
  const h = await makeWorkerHarness({ MAX_UPLOAD_MB: '5' });
  return {
    ...h,
    pageRows: async (documentId, version) => h.db.select().from(renditionPages)
      .where(and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version))).orderBy(renditionPages.page),
  };
});

const PASSWORD = 'correct horse battery';
// Vietnamese as a Word user types it; the test sends it decomposed (NFD, as macOS names files) to check NFC comes back.
const HEADING = 'Tờ trình về việc phê duyệt dự toán ngân sách năm 2027';
const BOLD = 'Kính gửi: Hội đồng nhân dân tỉnh Quảng Ngãi';
const BODY = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Ủy ban nhân dân tỉnh đề nghị xem xét, quyết định.';
const CELLS: [string, string] = ['Chỉ tiêu', 'Dự toán (triệu đồng)'];

describe('the reader on Workers (workerd, D1, R2)', () => {
  let h: WorkerHarness;
  let alice: ApiClient;
  let meetingId: string;
  let sessionId: string;
  let token: string;
  const rendition = async (documentId: string) => (await h.db.select().from(renditions).where(eq(renditions.documentId, documentId)))[0];

  beforeAll(async () => {
    h = await makeWorkerHarness({ MAX_UPLOAD_MB: '5' });
    await h.addUser({ email: 'chanh.vp@example.org', name: 'Chánh Văn phòng', password: PASSWORD, role: 'organizer' });
    alice = new ApiClient(h.fetch);
    await alice.login('chanh.vp@example.org', PASSWORD);
    meetingId = (await alice.post('/api/meetings', { title: 'Kỳ họp thứ 12', startsAt: '2026-12-10T08:00:00+07:00', timezone: 'Asia/Ho_Chi_Minh' })).body.meeting.id;
    sessionId = (await alice.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên khai mạc' })).body.session.id;
    token = (await alice.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
    expect((await alice.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
  });

  it('turns an uploaded .docx into sanitized reader HTML in the Worker, after the answer, with the exact Vietnamese text', async () => {
    const docx = await makeDocx({ heading: HEADING.normalize('NFD'), paragraphs: [BOLD, BODY], cells: CELLS, link: 'javascript:alert(1)' });
    // The harness waits for the request's waitUntil work: the job ran after the upload's answer.
    const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Tờ trình dự toán.docx', bytes: docx, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }], { sessionId });
    expect(up.status).toBe(201);
    const documentId = up.body.documents[0].id;
    expect(await rendition(documentId)).toMatchObject({ status: 'ready', format: 'html', renderer: 'mammoth', error: null });
    const parts = await h.db.select().from(renditionPages).where(eq(renditionPages.documentId, documentId));
    expect(parts).toHaveLength(1);
    const text = parts[0]!.text;
    for (const s of [HEADING, BOLD, BODY, ...CELLS]) expect(text).toContain(s.normalize('NFC'));
    // The stored HTML: structure kept, the javascript: link gone.
    const stored = await h.env.DOCUMENTS.get(parts[0]!.storageKey);
    const html = await new Response(stored!.body as ReadableStream).text();
    expect(html).toContain(`<h1>${HEADING.normalize('NFC')}</h1>`);
    expect(html).toContain(`<strong>${BOLD}</strong>`);
    expect(html).toMatch(/<table>.*<td><p>Chỉ tiêu<\/p><\/td>/);
    expect(html).not.toContain('javascript');
    expect(html).toContain('<a rel="noopener noreferrer nofollow">liên kết</a>');
    const list = await alice.get(`/api/meetings/${meetingId}/renditions`);
    expect(list.body.renders).toEqual({ pdf: false, office: false, word: true });
    expect(list.body.documents.find((d: any) => d.documentId === documentId)).toMatchObject({ route: 'word', status: 'ready', clientMayBuild: false });
    // What the delegate's phone gets from the Worker: the Word text in the reader page itself.
    const page = await h.fetch(`/s/${token}/r/${documentId}`, { headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36' } });
    expect(page.status).toBe(200);
    const reader = await page.text();
    expect(reader).toContain(`<article class="word"><h2>${HEADING.normalize('NFC')}</h2><p><strong>${BOLD}</strong></p><p>${BODY}</p>`);
    // The stored HTML can never run script: no inline script is allowed on the page either.
    const csp = page.headers.get('content-security-policy')!;
    expect((/script-src ([^;]*)/.exec(csp) ?? /default-src ([^;]*)/.exec(csp))![1]).not.toContain('unsafe-inline');
  });

  it('records a zip bomb disguised as .docx as a failed rendition with its reason; the Worker keeps answering', async () => {
    // One part declaring 20 MB that compresses to almost nothing: refused from the zip directory, nothing unpacked.
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', new Uint8Array(20 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Báo cáo.docx', bytes: bomb, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }]);
    expect(up.status).toBe(201);
    expect(await rendition(up.body.documents[0].id)).toMatchObject({ status: 'failed', error: 'docx_zip_bomb' });
    expect((await h.fetch('/healthz')).status).toBe(200);
  });

  it('marks a PDF "no renderer here" and an .xlsx "needs LibreOffice"; the console and the CLI may build them', async () => {
    const pdf = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Phụ lục.pdf', bytes: await makePagesPdf(2), type: 'application/pdf' }]);
    const pdfId = pdf.body.documents[0].id;
    expect(await rendition(pdfId)).toMatchObject({ status: 'unavailable', error: 'no_renderer' });
    const list = await alice.get(`/api/meetings/${meetingId}/renditions`);
    expect(list.body.documents.find((d: any) => d.documentId === pdfId)).toMatchObject({ route: 'pdf', status: 'unavailable', clientMayBuild: true });

    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const xlsx = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'Dự toán.xlsx', bytes: await zip.generateAsync({ type: 'uint8array' }), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
    expect(xlsx.status).toBe(201);
    const xlsxId = xlsx.body.documents[0].id;
    expect(await rendition(xlsxId)).toMatchObject({ status: 'unavailable', error: 'no_libreoffice' });
    const again = await alice.get(`/api/meetings/${meetingId}/renditions`);
    expect(again.body.documents.find((d: any) => d.documentId === xlsxId)).toMatchObject({ route: 'office', clientMayBuild: true });
  });

  it('resumes from the cron a job whose isolate was cut (its lease ran out)', async () => {
    const docx = await makeDocx({ heading: HEADING, paragraphs: [BODY], cells: CELLS });
    // Stored without running the queue: as if the isolate went away right after the answer.
    const { runtimeFor, runScheduledTasks } = await import('../../server/runtime/workers/worker');
    const runtime = await runtimeFor(h.env);
    const up = await alice.fetch(`/api/meetings/${meetingId}/documents`, { method: 'POST', body: (() => { const f = new FormData(); f.append('file', new File([docx as Uint8Array<ArrayBuffer>], 'Tờ trình 2.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })); return f; })() });
    expect(up.status).toBe(201);
    const documentId = ((await up.json()) as any).documents[0].id;
    // The harness drained it already; put the job back as a cut run would leave it: running, lease past.
    await h.db.update(renditions).set({ status: 'waiting' }).where(eq(renditions.documentId, documentId));
    const { jobs } = await import('../../server/db/schema');
    await h.db.update(jobs).set({ status: 'running', leaseUntil: new Date(Date.now() - 1000) }).where(eq(jobs.subject, documentId));
    await runScheduledTasks(runtime.deps, Date.now(), runtime.jobs);
    expect(await rendition(documentId)).toMatchObject({ status: 'ready', format: 'html' });
  });
});

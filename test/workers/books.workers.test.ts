import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { ApiClient } from '../support/api-client';
import { makePagesPdf } from '../support/reader-files';
import { makeWorkerHarness, type WorkerHarness } from './worker-harness';

const PASSWORD = 'correct horse battery';
const PHONE = { 'user-agent': 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36' };

/** The outline's titles, read back with pdf-lib's low-level objects (no poppler in workerd). */
function outlineTitles(doc: PDFDocument): string[] {
  const titles: string[] = [];
  const dict = (ref: unknown) => doc.context.lookup(ref as never) as unknown as { get(name: PDFName): unknown };
  let item = dict(doc.catalog.get(PDFName.of('Outlines'))).get(PDFName.of('First'));
  while (item) {
    const node = dict(item);
    titles.push((node.get(PDFName.of('Title')) as { decodeText(): string }).decodeText());
    item = node.get(PDFName.of('Next'));
  }
  return titles;
}

// The meeting book built by the Worker's own job queue (after the answer, in waitUntil), stored in R2, served by the meeting's object.
describe('the meeting book on Workers (workerd, D1, R2)', () => {
  let h: WorkerHarness;
  let alice: ApiClient;
  let meetingId: string;
  let sessionId: string;
  let token: string;

  beforeAll(async () => {
    h = await makeWorkerHarness({ MAX_UPLOAD_MB: '5' });
    await h.addUser({ email: 'van.thu@example.org', name: 'Văn thư', password: PASSWORD, role: 'organizer' });
    alice = new ApiClient(h.fetch);
    await alice.login('van.thu@example.org', PASSWORD);
    meetingId = (await alice.post('/api/meetings', { title: 'Kỳ họp thứ 12 HĐND huyện Gio Linh' })).body.meeting.id;
    sessionId = (await alice.post(`/api/meetings/${meetingId}/sessions`, { title: 'Phiên thảo luận tổ 2' })).body.session.id;
    token = (await alice.get(`/api/sessions/${sessionId}/codes`)).body.codes[0].token;
  });

  it('is compiled after publishing, listed first on the page and served with its ETag', async () => {
    for (const [name, pages] of [['Tờ trình kế hoạch đầu tư.pdf', 3], ['Báo cáo thẩm tra.pdf', 2]] as const) {
      const up = await alice.upload(`/api/meetings/${meetingId}/documents`, [{ name, bytes: await makePagesPdf(pages), type: 'application/pdf' }], { sessionId });
      expect(up.status).toBe(201);
    }
    expect((await alice.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
    const books = await alice.get(`/api/meetings/${meetingId}/books`);
    expect(books.body.books.map((b: { sessionId: string | null; pages: number }) => [b.sessionId, b.pages])).toEqual([[null, 6], [sessionId, 6]]);

    const page = await (await h.fetch(`/s/${token}`, { headers: PHONE })).text();
    expect(page).toContain('Toàn bộ tài liệu phiên');
    expect(page).toContain('1 tệp, 6 trang');
    const res = await h.fetch(`/s/${token}/b`, { headers: PHONE });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(books.body.books[1].etag);
    const doc = await PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
    expect(doc.getPageCount()).toBe(1 + 3 + 2);
    expect(outlineTitles(doc)).toEqual(['Tờ trình kế hoạch đầu tư', 'Báo cáo thẩm tra']);
  });
});

import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { documentVersions } from '../../server/db/schema';
import { makeLockedPdf } from '../reader/office-fixtures';
import { signedPdf, testSigners } from '../signatures/sign-pdf-fixture';
import { readPdf } from '../support/read-pdf';
import { makeVietnamesePdf } from '../support/vietnamese-pdf';
import { makeBookApp } from './book-harness';

type H = Awaited<ReturnType<typeof makeBookApp>>;
let h: H | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

async function seed(app: H) {
  const meeting = await app.meeting('Kỳ họp thứ 12 HĐND huyện Gio Linh');
  const session = await app.session(meeting.id, { title: 'Phiên thảo luận tổ 2' });
  const table = await app.admin.post(`/api/sessions/${session.id}/codes`, { label: 'Bàn 12' });
  const { signer, ca } = await testSigners();
  const files = {
    plain: await makeVietnamesePdf(['Tờ trình trang một', 'Tờ trình trang hai', 'Tờ trình trang ba']),
    signed: await signedPdf({ signer, chain: [ca], signingTime: new Date('2026-11-30T02:00:00Z') }),
    locked: makeLockedPdf(),
  };
  const up = async (name: string, bytes: Uint8Array) => {
    const r = await app.admin.upload(`/api/meetings/${meeting.id}/documents`, [{ name, bytes, type: 'application/pdf' }], { sessionId: session.id });
    if (r.status !== 201) throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.documents[0].id as string;
  };
  const ids = { plain: await up('Tờ trình kế hoạch.pdf', files.plain), signed: await up('Quyết định đã ký.pdf', files.signed), locked: await up('Văn bản có mật khẩu.pdf', files.locked) };
  await app.publish(meeting.id);
  expect((await app.admin.patch(`/api/meetings/${meeting.id}`, { labelledCopies: true })).body.meeting.labelledCopies).toBe(true);
  await app.settle();
  return { meeting, session, tableToken: table.body.codes[0].token as string, files, ids };
}

describe('labelled copies', () => {
  it('stamp the label, the meeting and the day on every page of what a delegate downloads; never the stored original, the organizer\'s copy or a signed PDF', async () => {
    h = await makeBookApp({ transport: 'node' });
    const { meeting, tableToken, files, ids } = await seed(h);
    const phone = h.phone();

    const res = await phone.fetch(`/s/${tableToken}/d/${ids.plain}`);
    expect(res.status).toBe(200);
    const copy = await bytesOf(res);
    const pdf = readPdf(copy);
    expect(pdf.pages).toBe(3);
    // Stamped on a worker thread, as the Node server does (the book too, by the job): the pool has started one.
    expect(h.pdfWork!.load.threads).toBeGreaterThan(0);
    for (let p = 1; p <= 3; p++) {
      const text = pdf.text(p).replace(/\s+/g, ' ');
      expect(text).toContain('Bản cấp cho: Bàn 12');
      expect(text).toContain('Kỳ họp thứ 12 HĐND huyện Gio Linh · tải ngày 01/12/2026');
    }
    // Made once per label, version and day: the second download is the same cached copy.
    const again = await phone.fetch(`/s/${tableToken}/d/${ids.plain}`);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    expect(readdirSync(join(h.dir, 'objects', 'stamped', meeting.id)).filter((f) => !f.endsWith('.meta.json'))).toHaveLength(1);

    // The stored original is untouched, and the organizer's own download is it, unstamped.
    const [row] = await h.db.db.select().from(documentVersions).where(eq(documentVersions.documentId, ids.plain));
    const stored = await bytesOf(new Response((await h.store.get(row!.storageKey))!.body));
    expect(sha(stored)).toBe(sha(files.plain));
    const original = await bytesOf(await h.admin.fetch(`/api/documents/${ids.plain}/original`));
    expect(sha(original)).toBe(sha(files.plain));
    expect(readPdf(original).text()).not.toContain('Bàn 12');

    // A signed PDF and an encrypted one are served byte for byte.
    expect(sha(await bytesOf(await phone.fetch(`/s/${tableToken}/d/${ids.signed}`)))).toBe(sha(files.signed));
    expect(sha(await bytesOf(await phone.fetch(`/s/${tableToken}/d/${ids.locked}`)))).toBe(sha(files.locked));
    // … and the console lists them, with the reason.
    const listed = await h.admin.get(`/api/meetings/${meeting.id}/labelled-copies`);
    expect(listed.body).toEqual({ enabled: true, unstamped: [
      { documentId: ids.signed, title: 'Quyết định đã ký', reason: 'signed' },
      { documentId: ids.locked, title: 'Văn bản có mật khẩu', reason: 'encrypted' },
    ] });

    // The meeting book is stamped too, except the signed document's pages inside it.
    const book = readPdf(await bytesOf(await phone.fetch(`/s/${tableToken}/b`)));
    expect(book.outline.map((o) => o.title)).toEqual(['Tờ trình kế hoạch', 'Quyết định đã ký']);
    const signedPage = book.outline[1]!.page;
    for (let p = 1; p <= book.pages; p++) {
      const text = book.text(p).replace(/\s+/g, ' ');
      if (p === signedPage) expect(text).not.toContain('Bàn 12');
      else expect(text).toContain('Bản cấp cho: Bàn 12');
    }

    // The organizer's copy of the book, from the console's list: the stored book, unstamped.
    const listedBooks = (await h.admin.get(`/api/meetings/${meeting.id}/books`)).body.books as { sessionId: string | null; href: string; bytes: number }[];
    const own = listedBooks.find((b) => b.sessionId !== null)!;
    const organizerBook = await bytesOf(await h.admin.fetch(own.href));
    expect(organizerBook.length).toBe(own.bytes);
    expect(readPdf(organizerBook).text()).not.toContain('Bàn 12');

    // Turned off: the original again.
    await h.admin.patch(`/api/meetings/${meeting.id}`, { labelledCopies: false });
    expect(sha(await bytesOf(await phone.fetch(`/s/${tableToken}/d/${ids.plain}`)))).toBe(sha(files.plain));
  }, 180_000);
});

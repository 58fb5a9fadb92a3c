import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdf } from '../support/sample-files';
import { makeDelegateApp, type DelegateApp, TRANSPORTS } from './delegate-harness';

const HN = (hhmm: string) => Date.parse(`2026-12-01T${hhmm}:00+07:00`);

/** The shared page's per-document times (seconds on the page, ms here): data-f (first shown) and data-u (current version shown), by title. */
function documentTimes(html: string) {
  const out: Record<string, { f: number; u: number | null; note: string | null }> = {};
  for (const li of html.matchAll(/<li data-f="(\d+)"(?: data-u="(\d+)")?>([\s\S]*?)<\/li>/g)) {
    const title = /<b>([^<]*)<\/b>/.exec(li[3]!)![1]!;
    const note = /<div class="cn" hidden>([^<]*)</.exec(li[3]!)?.[1] ?? null;
    out[title] = { f: Number(li[1]) * 1000, u: li[2] ? Number(li[2]) * 1000 : null, note };
  }
  return out;
}

/** What the page's script shows for one device (live-script.ts, mark()): the same comparison. */
const badgesFor = (times: ReturnType<typeof documentTimes>, since: number | null) =>
  since === null ? {} : Object.fromEntries(Object.entries(times).flatMap(([title, t]) =>
    t.f > since ? [[title, 'Mới']] : t.u !== null && t.u > since ? [[title, 'Đã cập nhật']] : []));

/** "What changed since this phone's last visit" (issue 19 item 4), across device cookies. */
describe.each(TRANSPORTS)('what changed since this device\'s last visit (phones through %s)', (transport) => {
  let h: DelegateApp;
  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
  });
  afterAll(() => h.close());

  it('only the device that saw the old version sees "updated" (with the change note); the page bytes stay the same for every device', async () => {
    h.clock.now = HN('07:00');
    const m = await h.meeting('Kỳ họp thường lệ HĐND xã');
    const s = await h.session(m.id, { title: 'Phiên thảo luận tổ' });
    const uploaded = await h.upload(m.id, s.id, ['Dự thảo nghị quyết.pdf', 'Kế hoạch năm 2027.pdf']);
    const draft = uploaded.find((d) => d.title === 'Dự thảo nghị quyết');
    await h.publish(m.id);

    // 07:00: two phones read the list (v1 of the draft).
    const early = h.phone();
    const watcher = h.phone();
    await (await early.fetch(`/s/${s.token}`)).text();
    await (await watcher.fetch(`/s/${s.token}`)).text();
    expect(early.cookie('qrhop_d')).toBeTruthy();

    // 08:00: the organizer replaces the draft with a note, and adds a document.
    h.clock.now = HN('08:00');
    await h.relogin();
    const up = await h.admin.upload(`/api/documents/${draft!.id}/file`, [{ name: 'Dự thảo nghị quyết (sửa).pdf', bytes: makePdf('v2', 3000) }], {}, 'PUT');
    expect(up.status).toBe(200);
    const noted = await h.admin.patch(`/api/documents/${draft!.id}`, { changeNote: 'Sửa mục 3 theo góp ý của Tổ 2' });
    expect(noted.body.document).toMatchObject({ version: 2, changeNote: 'Sửa mục 3 theo góp ý của Tổ 2' });
    const [annex] = await h.upload(m.id, s.id, ['Phụ lục kinh phí.pdf']);

    // 08:10: the watcher comes back and sees the change; at 09:00 that is no longer news to it.
    h.clock.now = HN('08:10');
    await (await watcher.fetch(`/s/${s.token}`)).text();
    await h.recorder.flush();

    h.clock.now = HN('09:00');
    const late = h.phone(); // first visit at 09:00
    const pages = await Promise.all([early, late, watcher].map(async (p) => {
      const res = await p.fetch(`/s/${s.token}`);
      return { etag: res.headers.get('etag'), html: await res.text() };
    }));
    // One page for everyone: same bytes, same ETag (the page cache serves them all).
    expect(new Set(pages.map((p) => p.etag)).size).toBe(1);
    expect(pages[1]!.html).toBe(pages[0]!.html);
    const times = documentTimes(pages[0]!.html);
    expect(times['Dự thảo nghị quyết']).toEqual({ f: HN('07:00'), u: HN('08:00'), note: 'Nội dung thay đổi: Sửa mục 3 theo góp ý của Tổ 2' });
    expect(times['Kế hoạch năm 2027']).toEqual({ f: HN('07:00'), u: null, note: null });
    expect(times['Phụ lục kinh phí']).toEqual({ f: HN('08:00'), u: null, note: null });
    expect(annex).toBeTruthy();

    const seen = async (p: ReturnType<DelegateApp['phone']>) => {
      const res = await p.fetch(`/s/${s.token}/seen`);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      return (await res.json()).since as number | null;
    };
    // The early phone's previous visit ended at 07:00; the new phone has none; the watcher's ended at 08:10.
    expect(await seen(early)).toBe(HN('07:00'));
    expect(await seen(late)).toBeNull();
    expect(await seen(watcher)).toBe(HN('08:10'));
    expect(badgesFor(times, HN('07:00'))).toEqual({ 'Dự thảo nghị quyết': 'Đã cập nhật', 'Phụ lục kinh phí': 'Mới' });
    expect(badgesFor(times, null)).toEqual({});
    expect(badgesFor(times, HN('08:10'))).toEqual({});

    // A reload within the visit keeps the early phone's badges; its next visit (after 30 min) has none.
    h.clock.now = HN('09:20');
    await (await early.fetch(`/s/${s.token}`)).text();
    await h.recorder.flush();
    expect(await seen(early)).toBe(HN('07:00'));
    h.clock.now = HN('10:00');
    expect(await seen(early)).toBe(HN('09:20'));
    // A forged device cookie is only a device with no visits.
    const stranger = h.phone(undefined, { cookie: 'qrhop_d=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(await seen(stranger)).toBeNull();
  });
});

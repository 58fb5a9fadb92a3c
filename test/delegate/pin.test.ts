import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PIN_LIMITS } from '../../server/delegate/pin-throttle';
import type { ApiClient } from '../support/api-client';
import { IPHONE_UA, makeDelegateApp, pageText, type DelegateApp, TRANSPORTS } from './delegate-harness';

const PIN = '482913';

const tryPin = (phone: ApiClient, token: string, pin: string, session?: string) =>
  phone.fetch(`/s/${token}/pin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pin, ...(session && { session }) }).toString(),
    redirect: 'manual',
  });

describe.each(TRANSPORTS)('PIN sessions (phones through %s)', (transport) => {
  let h: DelegateApp;
  let meeting: { id: string; token: string };
  let session: { id: string; token: string; codeId: string };
  let open: { id: string; token: string };
  let docId: string;
  let openDocId: string;

  beforeAll(async () => {
    h = await makeDelegateApp({ transport });
    meeting = await h.meeting('Hội nghị Ban Thường vụ');
    session = await h.session(meeting.id, { title: 'Phiên kín: công tác cán bộ', pin: PIN, room: 'Phòng họp số 2' });
    open = await h.session(meeting.id, { title: 'Phiên công khai' });
    docId = (await h.upload(meeting.id, session.id, ['Phương án nhân sự.pdf']))[0]!.id;
    openDocId = (await h.upload(meeting.id, open.id, ['Báo cáo công khai.pdf']))[0]!.id;
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it('refuses a wrong PIN with a clear Vietnamese message and the tries left', async () => {
    const phone = h.phone();
    const res = await tryPin(phone, session.token, '000000');
    expect(res.status).toBe(403);
    const text = pageText(await res.text());
    expect(text).toContain(`Mã PIN không đúng. Bạn còn ${DEFAULT_PIN_LIMITS.perDevice - 1} lần thử.`);
    expect(text).not.toContain('Phương án nhân sự');
  });

  it('lets the device in after the right PIN, with a grant scoped to this code', async () => {
    const phone = h.phone();
    expect((await phone.fetch(`/s/${session.token}/d/${docId}`)).status).toBe(403);
    const res = await tryPin(phone, session.token, PIN);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${session.token}`);
    const grant = res.headers.getSetCookie().find((c) => c.startsWith(`qrhop_pin_${session.id}=`))!;
    expect(grant).toMatch(new RegExp(`Path=/s/${session.token}(;|$)`));
    expect(grant).toMatch(/HttpOnly/);
    const page = await phone.fetch(`/s/${session.token}`);
    expect(page.headers.get('x-page-state')).toBe('list');
    expect(pageText(await page.text())).toContain('Phương án nhân sự');
    expect((await phone.fetch(`/s/${session.token}/d/${docId}`)).status).toBe(200);
    // Another phone without the grant still gets the PIN page, and the document asks for the PIN.
    const other = h.phone(IPHONE_UA);
    expect((await other.fetch(`/s/${session.token}`)).headers.get('x-page-state')).toBe('pin');
    const refused = await other.fetch(`/s/${session.token}/d/${docId}`);
    expect(refused.status).toBe(403);
    expect(pageText(await refused.text())).toContain('Nhập mã PIN');
  });

  it("does not accept another device's grant, nor a grant on another code of the same session", async () => {
    const phone = h.phone();
    const res = await tryPin(phone, session.token, PIN);
    const grant = res.headers.getSetCookie().find((c) => c.startsWith(`qrhop_pin_${session.id}=`))!.split(';')[0]!;
    // The grant copied to another device (a different device cookie) is worthless.
    const thief = h.phone(undefined, { cookie: `qrhop_d=someoneelsesdevice0000000000; ${grant}` });
    expect((await thief.fetch(`/s/${session.token}`)).headers.get('x-page-state')).toBe('pin');
    // A labelled variant of the same session is another code: it asks for the PIN again.
    const variant = (await h.admin.post(`/api/sessions/${session.id}/codes`, { label: 'Bàn 7' })).body.codes[0];
    expect((await phone.fetch(`/s/${variant.token}`)).headers.get('x-page-state')).toBe('pin');
  });

  it('drops every grant when the organizer changes the PIN', async () => {
    const phone = h.phone();
    await tryPin(phone, session.token, PIN);
    expect((await phone.fetch(`/s/${session.token}`)).headers.get('x-page-state')).toBe('list');
    expect((await h.admin.patch(`/api/sessions/${session.id}`, { pin: '13572468' })).status).toBe(200);
    expect((await phone.fetch(`/s/${session.token}`)).headers.get('x-page-state')).toBe('pin');
    expect((await phone.fetch(`/s/${session.token}/d/${docId}`)).status).toBe(403);
    expect((await tryPin(phone, session.token, '13572468')).status).toBe(303);
    expect((await phone.fetch(`/s/${session.token}/d/${docId}`)).status).toBe(200);
    expect((await h.admin.patch(`/api/sessions/${session.id}`, { pin: PIN })).status).toBe(200);
  });

  it('locks a device after too many wrong PINs, even the right one, then lets it try again after the wait', async () => {
    const phone = h.phone();
    for (let i = 1; i < DEFAULT_PIN_LIMITS.perDevice; i++) expect((await tryPin(phone, session.token, `11110${i}`)).status).toBe(403);
    const last = await tryPin(phone, session.token, '999999');
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(pageText(await last.text())).toContain('Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    const right = await tryPin(phone, session.token, PIN);
    expect(right.status).toBe(429);
    // Other phones are not affected by one phone's mistakes.
    expect((await tryPin(h.phone(), session.token, PIN)).status).toBe(303);
    h.clock.now += DEFAULT_PIN_LIMITS.windowMs;
    expect((await tryPin(phone, session.token, PIN)).status).toBe(303);
  });

  it('slows the session after too many wrong PINs from many "devices" (cookies dropped), keeping devices already in', async () => {
    const insider = h.phone();
    expect((await tryPin(insider, session.token, PIN)).status).toBe(303);
    let locked: Response | undefined;
    for (let i = 0; i < DEFAULT_PIN_LIMITS.perSession + 1; i++) {
      const res = await tryPin(h.phone(), session.token, String(100000 + i)); // a fresh cookie jar each time
      if (res.status === 429) {
        locked = res;
        break;
      }
      expect(res.status).toBe(403);
    }
    expect(locked).toBeDefined();
    expect(pageText(await locked!.text())).toContain('Phiên này đang có quá nhiều lần nhập sai mã PIN. Vui lòng đợi 30 giây rồi thử lại.');
    expect((await tryPin(h.phone(), session.token, PIN)).status).toBe(429);
    expect((await insider.fetch(`/s/${session.token}/d/${docId}`)).status).toBe(200);
    // An honest delegate waits a short moment, not the whole window.
    h.clock.now += DEFAULT_PIN_LIMITS.paceMs;
    expect((await tryPin(h.phone(), session.token, PIN)).status).toBe(303);
    h.clock.now += DEFAULT_PIN_LIMITS.windowMs; // the attack is over: the session's count is forgotten
  });

  it('on the meeting code: the PIN session shows a form in place of its documents, the others stay open', async () => {
    const phone = h.phone();
    const html = await (await phone.fetch(`/s/${meeting.token}`)).text();
    const text = pageText(html);
    expect(text).toContain('Phiên này cần mã PIN để xem tài liệu.');
    expect(text).toContain('Báo cáo công khai');
    expect(text).not.toContain('Phương án nhân sự');
    expect(html).toContain(`name="session" value="${session.id}"`);
    expect((await phone.fetch(`/s/${meeting.token}/d/${docId}`)).status).toBe(403);
    expect((await phone.fetch(`/s/${meeting.token}/d/${openDocId}`)).status).toBe(200);
    const wrong = await tryPin(phone, meeting.token, '000000', session.id);
    expect(wrong.status).toBe(403);
    expect(pageText(await wrong.text())).toContain('Mã PIN không đúng');
    expect((await tryPin(phone, meeting.token, PIN, session.id)).status).toBe(303);
    expect(pageText(await (await phone.fetch(`/s/${meeting.token}`)).text())).toContain('Phương án nhân sự');
    expect((await phone.fetch(`/s/${meeting.token}/d/${docId}`)).status).toBe(200);
  });

  it('refuses a PIN post sent by another site (it would spend tries and could lock the code)', async () => {
    const res = await h.phone(undefined, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }).fetch(`/s/${session.token}/pin`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pin=000000', redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-page-state')).toBe('cross_site');
    const bare = await h.phone(undefined, { origin: 'https://evil.example' }).fetch(`/s/${session.token}/pin`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pin=000000', redirect: 'manual',
    });
    expect(bare.status).toBe(403);
    // Our own form, posted under Referrer-Policy: no-referrer, comes with Origin: null.
    const own = await tryPin(h.phone(undefined, { origin: 'null' }), session.token, '000000');
    expect(pageText(await own.text())).toContain('Mã PIN không đúng');
    const same = await tryPin(h.phone(undefined, { 'sec-fetch-site': 'same-origin' }), session.token, '000000');
    expect(same.status).toBe(403);
    expect(pageText(await same.text())).toContain('Mã PIN không đúng');
  });

  it('ignores a PIN post for a session without a PIN, and refuses oversized bodies', async () => {
    const res = await tryPin(h.phone(), open.token, '1234');
    expect(res.status).toBe(303);
    const big = await h.phone().fetch(`/s/${session.token}/pin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '9999' }, body: 'pin=' + '1'.repeat(9995) });
    expect(big.status).toBe(413);
    // Without a length (chunked), the limit holds too.
    const body = new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode('pin=' + '1'.repeat(5000))); ctl.close(); } });
    const chunked = await h.phone().fetch(`/s/${session.token}/pin`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
  });
});

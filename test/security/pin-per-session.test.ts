// Finding 3: the PIN limit was per code, so every variant ("Bàn 1", "Bàn 2"…) and the meeting
// code gave 30 more guesses at the same PIN, and a locked code refused honest delegates for 15 min.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { makeDelegateApp, pageText, type DelegateApp } from '../delegate/delegate-harness';

const PIN = '4829';
const tryPin = (phone: ApiClient, token: string, pin: string, session?: string) =>
  phone.fetch(`/s/${token}/pin`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pin, ...(session && { session }) }).toString(), redirect: 'manual',
  });

describe('PIN attempts per session (finding 3)', () => {
  let h: DelegateApp;
  let meeting: { id: string; token: string };
  let session: { id: string; token: string };
  let variants: string[];

  beforeAll(async () => {
    h = await makeDelegateApp();
    meeting = await h.meeting('Kỳ họp thứ 9');
    session = await h.session(meeting.id, { title: 'Phiên kín', pin: PIN });
    await h.upload(meeting.id, session.id, ['Nhân sự.pdf']);
    const labelled = await h.admin.post(`/api/sessions/${session.id}/codes`, { labels: ['Bàn 1', 'Bàn 2', 'Bàn 3'] });
    variants = labelled.body.codes.map((c: { token: string }) => c.token);
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it('counts wrong PINs of a session across all its codes, variants and the meeting code', async () => {
    const codes = [session.token, ...variants, meeting.token];
    let heard = 0;
    for (let i = 0; i < 100; i++) {
      const token = codes[i % codes.length]!;
      // A fresh cookie jar at every try: the attacker drops the device cookie.
      const res = await tryPin(h.phone(), token, String(1000 + i), token === meeting.token ? session.id : undefined);
      if (res.status === 403) heard++;
      else expect(res.status).toBe(429);
    }
    // 30 guesses heard in all, not 30 per code (150 here).
    expect(heard).toBe(30);
  });

  it('lets an honest delegate with the right PIN in after a short wait (30 s), not 15 minutes', async () => {
    const delegate = h.phone();
    const refused = await tryPin(delegate, variants[1]!, PIN);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(pageText(await refused.text())).toMatch(/Vui lòng đợi \d+ giây rồi thử lại/);
    h.clock.now += 30_000;
    expect((await tryPin(delegate, variants[1]!, PIN)).status).toBe(303);
    // While the attack goes on, each wrong guess still holds the next try back by 30 s.
    expect((await tryPin(h.phone(), variants[2]!, '0000')).status).toBe(403);
    expect((await tryPin(h.phone(), variants[2]!, '0001')).status).toBe(429);
  });

  it('accepts a longer PIN (up to 12 digits) set by the organizer', async () => {
    expect((await h.admin.patch(`/api/sessions/${session.id}`, { pin: '739164285031' })).status).toBe(200);
    h.clock.now += 30_000;
    expect((await tryPin(h.phone(), variants[0]!, '739164285031')).status).toBe(303);
    expect((await h.admin.patch(`/api/sessions/${session.id}`, { pin: '7391642850311' })).status).toBe(400);
  });
});

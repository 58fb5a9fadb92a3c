// The README's PIN and login limits, as literals, observed through the app with a moved clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { ApiClient } from '../support/api-client';
import { makeDelegateApp, type DelegateApp } from '../delegate/delegate-harness';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const PIN = '4829';

const tryPin = (phone: ApiClient, token: string, pin: string) =>
  phone.fetch(`/s/${token}/pin`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ pin }).toString(), redirect: 'manual',
  });

// "Sessions can have a PIN of 4 to 12 digits ... 5 per device within 15 minutes, then that device waits;
// 30 per session, then one try every 30 s for the whole session."
describe('README: Delegates, the PIN', () => {
  let h: DelegateApp;
  const sessions: { id: string; token: string }[] = [];
  beforeAll(async () => {
    h = await makeDelegateApp();
    const meeting = await h.meeting('Kỳ họp thứ 9');
    for (const title of ['Phiên kín 1', 'Phiên kín 2']) {
      const s = await h.session(meeting.id, { title, pin: PIN });
      await h.upload(meeting.id, s.id, [`${title}.pdf`]);
      sessions.push(s);
    }
    await h.publish(meeting.id);
  });
  afterAll(() => h.close());

  it('takes PINs of 4 to 12 digits, nothing shorter or longer', async () => {
    const s = sessions[0]!;
    for (const [pin, status] of [['123', 400], ['1234', 200], ['123456789012', 200], ['1234567890123', 400], ['12a4', 400]] as const) {
      expect((await h.admin.patch(`/api/sessions/${s.id}`, { pin })).status, pin).toBe(status);
    }
    expect((await h.admin.patch(`/api/sessions/${s.id}`, { pin: PIN })).status).toBe(200);
  });

  it('gives a device 5 wrong tries within 15 minutes, then makes it wait out the 15 minutes', async () => {
    const s = sessions[0]!;
    const phone = h.phone();
    for (let i = 1; i <= 4; i++) expect((await tryPin(phone, s.token, `000${i}`)).status, `try ${i}`).toBe(403);
    expect((await tryPin(phone, s.token, '0005')).status).toBe(429); // the 5th wrong try is heard, and answered with the wait
    const blocked = await tryPin(phone, s.token, PIN); // even the right PIN waits
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    h.clock.now += 15 * MINUTE - SECOND;
    expect((await tryPin(phone, s.token, PIN)).status).toBe(429);
    h.clock.now += SECOND;
    expect((await tryPin(phone, s.token, PIN)).status).toBe(303);
  });

  it('gives a session 30 wrong tries from all devices, then one try every 30 s', async () => {
    const s = sessions[1]!;
    for (let i = 1; i <= 30; i++) expect((await tryPin(h.phone(), s.token, `1${String(i).padStart(3, '0')}`)).status, `guess ${i}`).toBe(403);
    const paced = await tryPin(h.phone(), s.token, PIN);
    expect(paced.status).toBe(429);
    expect(Number(paced.headers.get('retry-after'))).toBe(30);
    h.clock.now += 30 * SECOND - SECOND;
    expect((await tryPin(h.phone(), s.token, PIN)).status).toBe(429);
    h.clock.now += SECOND;
    expect((await tryPin(h.phone(), s.token, '9999')).status).toBe(403); // one try, heard
    expect((await tryPin(h.phone(), s.token, PIN)).status).toBe(429); // and the next waits 30 s again
    h.clock.now += 30 * SECOND;
    expect((await tryPin(h.phone(), s.token, PIN)).status).toBe(303);
  });
});

// "5 free failures per account and address, then doubling delays (1 s … 15 min) for that address only;
// 20 per account from all addresses together, then delays from 1 min for browsers the account never
// logged in from."
describe('README: Reliability and security, login throttling', () => {
  let h: DelegateApp;
  let app: ReturnType<typeof createApp>;
  let address = '10.0.0.1';
  const login = (password: string) => Promise.resolve(app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bto@example.org', password }) }));
  beforeAll(async () => {
    h = await makeDelegateApp();
    app = createApp(h.deps, { clientAddress: () => address });
  });
  afterAll(() => h.close());

  it('5 free failures per account and address, then 1 s, 2 s, 4 s … doubling up to 15 min', async () => {
    address = '10.0.0.1';
    for (let i = 1; i <= 5; i++) expect((await login('wrong')).status, `failure ${i}`).toBe(401);
    const delays: number[] = [];
    for (let k = 0; k < 12; k++) {
      const refused = await login('wrong');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      delays.push(wait);
      h.clock.now += wait * SECOND;
      expect((await login('wrong')).status).toBe(401); // heard after the wait, and counted
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 15 * 60, 15 * 60]);
    // Another address is not slowed by this one's failures (not yet 20 on the account).
    h.clock.now += 60 * MINUTE + SECOND; // the counts are forgotten after an hour without failures
  });

  it('20 failures on an account from all addresses together, then 1 min for a browser it never logged in from', async () => {
    for (let i = 0; i < 20; i++) {
      address = `10.1.0.${Math.floor(i / 4)}`; // four from each address: under the per-address limit
      expect((await login('wrong')).status, `failure ${i + 1} from ${address}`).toBe(401);
    }
    address = '10.2.0.1';
    const refused = await login('correct horse battery'); // the right password, on a new browser
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBe(60);
  });
});

// "Request bodies are counted while they stream: JSON 64 KB, the logo 2 MB, multipart text fields 1 KB;
// past a limit the answer is 413." Each limit exactly, and one byte past it.
describe('README: Reliability and security, body limits', () => {
  const KB = 1024;
  const MB = 1024 * KB;
  let h: DelegateApp;
  let meetingId: string;
  beforeAll(async () => {
    h = await makeDelegateApp();
    meetingId = (await h.meeting()).id;
  });
  afterAll(() => h.close());

  it('JSON: 64 KB is read (and judged on its content), 64 KB + 1 byte is refused with 413', async () => {
    const bodyOf = (bytes: number) => {
      const head = '{"title":"Họp","venue":"';
      const pad = bytes - new TextEncoder().encode(head).length - 2;
      return `${head}${'x'.repeat(pad)}"}`;
    };
    expect(new TextEncoder().encode(bodyOf(64 * KB)).length).toBe(64 * KB);
    const at = await h.admin.fetch('/api/meetings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(64 * KB) });
    expect(at.status).toBe(400); // read whole: the venue is too long for the schema
    const over = await h.admin.fetch('/api/meetings', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bodyOf(64 * KB + 1) });
    expect(over.status).toBe(413);
  });

  it('the sheet logo: 2 MB is read, 2 MB + 1 byte is refused with 413', async () => {
    const png = (bytes: number) => {
      const b = new Uint8Array(bytes);
      b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return b;
    };
    const put = (bytes: number) => h.admin.fetch(`/api/meetings/${meetingId}/logo`, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: png(bytes) });
    expect((await put(2 * MB)).status).not.toBe(413);
    expect((await put(2 * MB + 1)).status).toBe(413);
  });

  it('a multipart text field: 1 KB is read, 1 KB + 1 byte is refused with 413', async () => {
    const upload = (sessionId: string) => h.admin.upload(`/api/meetings/${meetingId}/documents`, [{ name: 'a.txt', bytes: new TextEncoder().encode('Ghi chú'), type: 'text/plain' }], { sessionId });
    expect((await upload('s'.repeat(KB))).status).toBe(400); // read whole: not a session id
    expect((await upload('s'.repeat(KB + 1))).status).toBe(413);
  });
});

// "Requests without the cookie from one address and one browser agent within 10 s count as one device
// ... under an hourly-rotating keyed hash of the address." Both runtimes build it with the defaults.
describe('README: Delegates, cookieless bursts', () => {
  it('are grouped within 10 s, under a key that rotates every hour', async () => {
    const { CookielessBursts } = await import('../../server/delegate/cookieless-bursts');
    const bursts = new CookielessBursts(() => (text: string) => text) as unknown as { windowMs: number; rotateMs: number };
    expect(bursts.windowMs).toBe(10 * SECOND);
    expect(bursts.rotateMs).toBe(60 * MINUTE);
  });
});

import { describe, expect, it } from 'vitest';
import { DelegateRequest } from './delegate-request';
import type { PageModel } from './page-model';
import { GRANT_MAX_AGE_S, grantedSessions, grantValue, NO_GRANTS, writeGrant } from './pin-grant';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const DEVICE = 'dddddddddddddddddddddddddddddddd';
const request = (cookie: string, origin = 'https://qr.example.vn') => new DelegateRequest('GET', '', new Headers(cookie ? { cookie } : {}), origin);
const model = (sessions: { id: string; pinHash: string | null }[]) => ({ sessions }) as unknown as PageModel;

describe('PIN grants', () => {
  it('last one day', () => {
    expect(GRANT_MAX_AGE_S).toBe(86_400);
  });

  it('are the HMAC-SHA256 of code, session and device, keyed by the secret and the PIN hash, 24 bytes in base64url', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('secret\u0000pinhash'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // Sixteen devices: among their grants are base64's '+' and '/', which must come out URL-safe.
    for (let i = 0; i < 16; i++) {
      const device = `${DEVICE.slice(0, -2)}${String(i).padStart(2, '0')}`;
      const value = await grantValue('secret', 'pinhash', TOKEN, 's1', device);
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`pin-grant\u0000${TOKEN}\u0000s1\u0000${device}`)));
      expect(value).toBe(Buffer.from(mac.subarray(0, 24)).toString('base64url'));
      expect(value).toMatch(/^[A-Za-z0-9_-]{32}$/);
    }
    const noSecret = await grantValue(undefined, 'pinhash', TOKEN, 's1', DEVICE);
    const emptyKey = await crypto.subtle.importKey('raw', new TextEncoder().encode('\u0000pinhash'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const emptyMac = new Uint8Array(await crypto.subtle.sign('HMAC', emptyKey, new TextEncoder().encode(`pin-grant\u0000${TOKEN}\u0000s1\u0000${DEVICE}`)));
    expect(noSecret).toBe(Buffer.from(emptyMac.subarray(0, 24)).toString('base64url'));
  });

  it('are written as an HttpOnly cookie for this code’s URLs only, for a day, Secure over https', async () => {
    const req = request('');
    await writeGrant(req, 'secret', 'pinhash', TOKEN, 's1', DEVICE);
    const value = await grantValue('secret', 'pinhash', TOKEN, 's1', DEVICE);
    expect(req.setCookies).toEqual([`qrhop_pin_s1=${value}; Max-Age=86400; Path=/s/${TOKEN}; HttpOnly; Secure; SameSite=Lax`]);
    const plain = request('', 'http://192.168.1.20:3000');
    await writeGrant(plain, 'secret', 'pinhash', TOKEN, 's1', DEVICE);
    expect(plain.setCookies[0]).not.toMatch(/Secure/);
  });

  it('open the sessions this device holds a valid grant for, and nothing else', async () => {
    const pages = model([{ id: 's1', pinHash: 'h1' }, { id: 's2', pinHash: 'h2' }, { id: 'open', pinHash: null }]);
    const g1 = await grantValue('secret', 'h1', TOKEN, 's1', DEVICE);
    const g2 = await grantValue('secret', 'h2', TOKEN, 's2', DEVICE);
    const granted = async (cookie: string, token = TOKEN, secret = 'secret') => [...(await grantedSessions(request(cookie), pages, secret, token))].sort();
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_s1=${g1}`)).toEqual(['s1']);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_s1=${g1}; qrhop_pin_s2=${g2}`)).toEqual(['s1', 's2']);
    // No device cookie, another device, another code, another secret, a changed PIN, a grant moved to another session: nothing.
    expect(await granted(`qrhop_pin_s1=${g1}`)).toEqual([]);
    expect(await granted(`qrhop_d=${'e'.repeat(32)}; qrhop_pin_s1=${g1}`)).toEqual([]);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_s1=${g1}`, 'ZZCdEfGhIjKlMnOpQrStUv')).toEqual([]);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_s1=${g1}`, TOKEN, 'other')).toEqual([]);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_s2=${g1}`)).toEqual([]);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_s1=${g1.slice(0, -1)}`)).toEqual([]);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_open=${g1}`)).toEqual([]);
    const changed = model([{ id: 's1', pinHash: 'new hash' }]);
    expect([...(await grantedSessions(request(`qrhop_d=${DEVICE}; qrhop_pin_s1=${g1}`), changed, 'secret', TOKEN))]).toEqual([]);
    // No device cookie: no grant, even one made for the device id "null"; a session without a PIN is never "granted".
    const forNull = await grantValue('secret', 'h1', TOKEN, 's1', null as unknown as string);
    expect(await granted(`qrhop_pin_s1=${forNull}`)).toEqual([]);
    const forOpen = await grantValue('secret', null as unknown as string, TOKEN, 'open', DEVICE);
    expect(await granted(`qrhop_d=${DEVICE}; qrhop_pin_open=${forOpen}`)).toEqual([]);
    // Nothing granted is the one shared empty set.
    expect(await grantedSessions(request(`qrhop_d=${DEVICE}`), pages, 'secret', TOKEN)).toBe(NO_GRANTS);
    expect(NO_GRANTS.size).toBe(0);
  });
});

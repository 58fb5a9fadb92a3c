import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { knownDeviceOf, rememberDevice } from './known-device';

// A small app: /remember sets the cookie for ?user=, /check says which device the cookie proves for ?user=.
function app(secret: string | undefined) {
  const a = new Hono();
  a.get('/remember', async (c) => {
    await rememberDevice(c, secret, c.req.query('user')!, c.req.query('existing') ?? null);
    return c.text('ok');
  });
  a.get('/check', async (c) => c.text(String(await knownDeviceOf(c, secret, c.req.query('user')))));
  return a;
}
const remember = async (secret: string | undefined, user: string, base = 'http://qr.example.vn', existing?: string) => {
  const res = await app(secret).request(`${base}/remember?user=${user}${existing ? `&existing=${existing}` : ''}`);
  return res.headers.get('set-cookie')!;
};
const check = async (secret: string | undefined, user: string | null, cookie: string) =>
  (await (await app(secret).request(`http://qr.example.vn/check${user ? `?user=${user}` : ''}`, { headers: { cookie } })).text());

describe('known-device cookie', () => {
  it('is an HttpOnly, SameSite=Strict cookie for the login route only, kept a year, Secure over https', async () => {
    const cookie = await remember('s', 'u1');
    expect(cookie).toMatch(/^qrhop_known=[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{32}; Max-Age=31536000; Path=\/api\/auth; HttpOnly; SameSite=Strict$/);
    expect(await remember('s', 'u1', 'https://qr.example.vn')).toMatch(/; Secure/);
  });

  it('proves its device id for that account only, under that secret only', async () => {
    const cookie = (await remember('s', 'u1')).split(';')[0]!;
    const nonce = cookie.slice('qrhop_known='.length).split('.')[0]!;
    expect(await check('s', 'u1', cookie)).toBe(nonce);
    expect(await check('s', 'u2', cookie)).toBe('null');
    expect(await check('other', 'u1', cookie)).toBe('null');
    expect(await check('s', null, cookie)).toBe('null');
    expect(await check(undefined, 'u1', cookie)).toBe('null');
    // Without a secret, it still binds the account (and works).
    const plain = (await remember(undefined, 'u1')).split(';')[0]!;
    expect(await check(undefined, 'u1', plain)).toBe(plain.slice('qrhop_known='.length).split('.')[0]);
  });

  it('cannot be made up or altered', async () => {
    const cookie = (await remember('s', 'u1')).split(';')[0]!;
    const [nonce, mac] = cookie.slice('qrhop_known='.length).split('.') as [string, string];
    expect(await check('s', 'u1', `qrhop_known=${nonce}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`)).toBe('null');
    expect(await check('s', 'u1', `qrhop_known=${nonce.slice(0, -1)}${nonce.endsWith('A') ? 'B' : 'A'}.${mac}`)).toBe('null');
    expect(await check('s', 'u1', `qrhop_known=${nonce}`)).toBe('null');
    expect(await check('s', 'u1', `qrhop_known=${nonce}.`)).toBe('null');
    expect(await check('s', 'u1', `qrhop_known=.${mac}`)).toBe('null');
    expect(await check('s', 'u1', 'other=1')).toBe('null');
    // Overlong values are not even hashed.
    expect(await check('s', 'u1', `qrhop_known=${nonce}.${mac}${'x'.repeat(200 - 65)}`)).toBe('null');
    // Only the first two parts count, within 200 characters: past them the cookie is refused unread.
    const upTo200 = `${nonce}.${mac}.${'x'.repeat(200 - 66)}`;
    expect(upTo200.length).toBe(200);
    expect(await check('s', 'u1', `qrhop_known=${upTo200}`)).toBe(nonce);
    expect(await check('s', 'u1', `qrhop_known=${upTo200}x`)).toBe('null');
  });

  it('refuses an empty device id even with its right MAC', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('s\u0000known-device'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const full = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode('u1\u0000')));
    expect(await check('s', 'u1', `qrhop_known=.${Buffer.from(full.subarray(0, 24)).toString('base64url')}`)).toBe('null');
  });

  it('without a server secret, keys the MAC with the empty secret', async () => {
    const cookie = (await remember(undefined, 'u1')).split(';')[0]!;
    const [nonce, mac] = cookie.slice('qrhop_known='.length).split('.') as [string, string];
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('\u0000known-device'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const full = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`u1\u0000${nonce}`)));
    expect(mac).toBe(Buffer.from(full.subarray(0, 24)).toString('base64url'));
  });

  it('keeps the device id it already had, and the MAC is the HMAC-SHA256 of account and id, cut to 24 bytes', async () => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('s\u0000known-device'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    // Sixteen ids: among their MACs are base64's '+' and '/', which must come out URL-safe.
    for (let i = 0; i < 16; i++) {
      const existing = `myexistingdeviceid0123456789ab${String(i).padStart(2, '0')}`;
      const cookie = (await remember('s', 'u1', undefined, existing)).split(';')[0]!;
      const [nonce, mac] = cookie.slice('qrhop_known='.length).split('.') as [string, string];
      expect(nonce).toBe(existing);
      const full = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`u1\u0000${nonce}`)));
      expect(mac).toBe(Buffer.from(full.subarray(0, 24)).toString('base64url'));
      expect(await check('s', 'u1', cookie)).toBe(nonce);
    }
  });
});

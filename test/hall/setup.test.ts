// The first administrator from the browser: from the machine itself, or with the code the
// terminal shows; never by someone else on the network. (The browser test drives the screen.)
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { countUsers } from '../../server/auth/users';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';

const CODE = 'K7QM-2XWD-HP9R';
const FIRST = { email: 'Chanh.VP@So.gov.vn', name: 'Chánh Văn phòng', password: 'mat-khau-dau-tien' };
let t: NodeTestApp;
afterEach(async () => t?.close());

/** The real app whose trusted peer address is `address` (the runtime's port, fed here). */
async function appFrom(address: string, setupCode: string | undefined = CODE) {
  t = await makeNodeApp({ settings: { setupCode } });
  const app = createApp(t.deps, { clientAddress: () => address });
  return new ApiClient(async (path, init) => app.request(path, init));
}

describe('first administrator', () => {
  it('from loopback: offered, created, logged in; then the screen is gone for good', async () => {
    const api = await appFrom('127.0.0.1');
    expect((await api.get('/api/setup')).body).toEqual({ needed: true, local: true, codeAvailable: true });
    const made = await api.post('/api/setup', FIRST);
    expect(made.status).toBe(201);
    expect(made.body.user).toMatchObject({ email: 'chanh.vp@so.gov.vn', role: 'admin' });
    expect((await api.get('/api/me')).body.user.email).toBe('chanh.vp@so.gov.vn');
    expect((await api.get('/api/setup')).body).toEqual({ needed: false, local: false, codeAvailable: false });
    const again = await api.post('/api/setup', { ...FIRST, email: 'late@example.org' });
    expect(again.status).toBe(409);
    expect(await countUsers(t.db.db)).toBe(1);
  });

  it.each(['::1', '::ffff:127.0.0.1'])('IPv6 loopback %s counts as this machine', async (address) => {
    const api = await appFrom(address);
    expect((await api.post('/api/setup', FIRST)).status).toBe(201);
  });

  it('from a hall address without the set-up code: refused, nothing created', async () => {
    const api = await appFrom('192.168.1.50');
    expect((await api.get('/api/setup')).body).toEqual({ needed: true, local: false, codeAvailable: true });
    for (const setupCode of [undefined, '', 'AAAA-BBBB-CCCC', 'K7QM-2XWD-HP9']) {
      const r = await api.post('/api/setup', { ...FIRST, ...(setupCode !== undefined && { setupCode }) });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('setup_code_required');
    }
    expect(await countUsers(t.db.db)).toBe(0);
  });

  it('from a hall address with the code (typed loosely: lower case, no dashes): created', async () => {
    const api = await appFrom('192.168.1.50');
    expect((await api.post('/api/setup', { ...FIRST, setupCode: 'k7qm2xwdhp9r' })).status).toBe(201);
  });

  it('through a reverse proxy on the same machine (loopback peer + X-Forwarded-For): needs the code', async () => {
    const api = await appFrom('127.0.0.1');
    const r = await api.fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.168.1.50' }, body: JSON.stringify(FIRST) });
    expect(r.status).toBe(403);
    expect(await countUsers(t.db.db)).toBe(0);
  });

  it('with no code issued (Workers, or users exist at start) a remote request can never pass', async () => {
    const api = await appFrom('10.0.0.9', undefined);
    expect((await api.post('/api/setup', { ...FIRST, setupCode: '' })).status).toBe(403);
    expect((await api.post('/api/setup', { ...FIRST, setupCode: 'undefined' })).status).toBe(403);
  });

  it('a weak password is refused with the field named', async () => {
    const api = await appFrom('127.0.0.1');
    const r = await api.post('/api/setup', { ...FIRST, password: 'short' });
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('password');
  });
});

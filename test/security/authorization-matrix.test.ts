import { beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf } from '../support/sample-files';

/**
 * Every organizer route × {anonymous, organizer of another meeting, member, admin}.
 * The first test fails when a route exists without its row here.
 */
type Role = 'anonymous' | 'outsider' | 'member' | 'admin';
const ROLES: Role[] = ['anonymous', 'outsider', 'member', 'admin'];

interface Fixture {
  meeting: string;
  session: string;
  doc: string;
  code: string;
  meetingCode: string;
  /** A test scan made by the admin: only its maker may watch it. */
  testScan: string;
  /** A chunked upload of a 2-byte text file started by the member, its one part sent: only its starter may touch it. */
  upload: string;
}

interface Row {
  method: string;
  path: string;
  expect: Record<Role, number>;
  /** Builds the concrete request against fresh fixtures (destructive routes get their own). */
  request: (f: Fixture) => { path: string; body?: unknown; form?: { name: string; bytes: Uint8Array }[] };
}

const pdf = makePdf('matrix');
const scoped = (ok: number) => ({ anonymous: 401, outsider: 404, member: ok, admin: ok });
const adminOnly = (ok: number) => ({ anonymous: 401, outsider: 403, member: 403, admin: ok });
const anyUser = (ok: number) => ({ anonymous: 401, outsider: ok, member: ok, admin: ok });
// A chunked upload is its starter's (here the member's): even an admin of the meeting gets 404.
const starterOnly = (ok: number) => ({ anonymous: 401, outsider: 404, member: ok, admin: 404 });

const ROWS: Row[] = [
  { method: 'POST', path: '/api/auth/login', expect: { anonymous: 401, outsider: 401, member: 401, admin: 401 }, request: () => ({ path: '/api/auth/login', body: { email: 'x@example.org', password: 'wrong-password' } }) },
  { method: 'POST', path: '/api/auth/logout', expect: { anonymous: 200, outsider: 200, member: 200, admin: 200 }, request: () => ({ path: '/api/auth/logout' }) },
  { method: 'POST', path: '/api/auth/logout-everywhere', expect: anyUser(200), request: () => ({ path: '/api/auth/logout-everywhere' }) },
  { method: 'GET', path: '/api/me', expect: anyUser(200), request: () => ({ path: '/api/me' }) },
  { method: 'GET', path: '/api/meetings', expect: anyUser(200), request: () => ({ path: '/api/meetings' }) },
  { method: 'POST', path: '/api/meetings', expect: anyUser(201), request: () => ({ path: '/api/meetings', body: { title: 'Cuộc họp mới' } }) },
  { method: 'GET', path: '/api/meetings/:id', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}` }) },
  { method: 'PATCH', path: '/api/meetings/:id', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}`, body: { venue: 'Hội trường B' } }) },
  { method: 'DELETE', path: '/api/meetings/:id', expect: scoped(204), request: (f) => ({ path: `/api/meetings/${f.meeting}` }) },
  { method: 'POST', path: '/api/meetings/:id/sessions', expect: scoped(201), request: (f) => ({ path: `/api/meetings/${f.meeting}/sessions`, body: { title: 'Phiên mới' } }) },
  { method: 'GET', path: '/api/meetings/:id/documents', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/documents` }) },
  { method: 'POST', path: '/api/meetings/:id/documents', expect: scoped(201), request: (f) => ({ path: `/api/meetings/${f.meeting}/documents`, form: [{ name: 'Tài liệu.pdf', bytes: pdf }] }) },
  { method: 'GET', path: '/api/meetings/:id/codes', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/codes` }) },
  { method: 'POST', path: '/api/meetings/:id/codes', expect: scoped(201), request: (f) => ({ path: `/api/meetings/${f.meeting}/codes`, body: { label: 'Đoàn 1' } }) },
  { method: 'GET', path: '/api/meetings/:id/stats', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/stats` }) },
  { method: 'GET', path: '/api/meetings/:id/access.csv', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/access.csv` }) },
  { method: 'GET', path: '/api/meetings/:id/members', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/members` }) },
  { method: 'POST', path: '/api/meetings/:id/members', expect: { anonymous: 401, outsider: 403, member: 403, admin: 201 }, request: (f) => ({ path: `/api/meetings/${f.meeting}/members`, body: { userId: USERS.outsider } }) },
  { method: 'DELETE', path: '/api/meetings/:id/members/:userId', expect: { anonymous: 401, outsider: 403, member: 403, admin: 204 }, request: (f) => ({ path: `/api/meetings/${f.meeting}/members/${USERS.member}` }) },
  { method: 'PATCH', path: '/api/sessions/:id', expect: scoped(200), request: (f) => ({ path: `/api/sessions/${f.session}`, body: { room: 'P.201' } }) },
  { method: 'DELETE', path: '/api/sessions/:id', expect: scoped(204), request: (f) => ({ path: `/api/sessions/${f.session}` }) },
  { method: 'PUT', path: '/api/sessions/:id/documents', expect: scoped(200), request: (f) => ({ path: `/api/sessions/${f.session}/documents`, body: { documentIds: [f.doc] } }) },
  { method: 'GET', path: '/api/sessions/:id/codes', expect: scoped(200), request: (f) => ({ path: `/api/sessions/${f.session}/codes` }) },
  { method: 'POST', path: '/api/sessions/:id/codes', expect: scoped(201), request: (f) => ({ path: `/api/sessions/${f.session}/codes`, body: { labels: ['Bàn 1', 'Bàn 2'] } }) },
  { method: 'POST', path: '/api/meetings/:id/uploads', expect: scoped(201), request: (f) => ({ path: `/api/meetings/${f.meeting}/uploads`, body: { filename: 'b.txt', size: 2 } }) },
  { method: 'POST', path: '/api/documents/:id/uploads', expect: scoped(201), request: (f) => ({ path: `/api/documents/${f.doc}/uploads`, body: { filename: 'b.pdf', size: 2 } }) },
  { method: 'GET', path: '/api/uploads/:id', expect: starterOnly(200), request: (f) => ({ path: `/api/uploads/${f.upload}` }) },
  // The body the matrix sends, `{}`, is exactly the upload's 2 bytes.
  { method: 'PUT', path: '/api/uploads/:id/parts/:n{[0-9]+}', expect: starterOnly(200), request: (f) => ({ path: `/api/uploads/${f.upload}/parts/1`, body: {} }) },
  { method: 'POST', path: '/api/uploads/:id/complete', expect: starterOnly(201), request: (f) => ({ path: `/api/uploads/${f.upload}/complete` }) },
  { method: 'DELETE', path: '/api/uploads/:id', expect: starterOnly(204), request: (f) => ({ path: `/api/uploads/${f.upload}` }) },
  { method: 'PATCH', path: '/api/documents/:id', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}`, body: { title: 'Tên mới' } }) },
  { method: 'DELETE', path: '/api/documents/:id', expect: scoped(204), request: (f) => ({ path: `/api/documents/${f.doc}` }) },
  { method: 'PUT', path: '/api/documents/:id/file', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}/file`, form: [{ name: 'Bản mới.pdf', bytes: pdf }] }) },
  { method: 'GET', path: '/api/meetings/:id/renditions', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/renditions` }) },
  { method: 'GET', path: '/api/documents/:id/versions/:version/source', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}/versions/1/source` }) },
  { method: 'GET', path: '/api/documents/:id/versions/:version/rendition', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}/versions/1/rendition` }) },
  { method: 'POST', path: '/api/documents/:id/versions/:version/rendition', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}/versions/1/rendition`, body: { pages: 1, renderer: 'browser-pdfjs' } }) },
  { method: 'PUT', path: '/api/documents/:id/versions/:version/rendition/pages/:page', expect: scoped(400), request: (f) => ({ path: `/api/documents/${f.doc}/versions/1/rendition/pages/1`, form: [{ name: 'p1.webp', bytes: pdf }] }) },
  { method: 'GET', path: '/api/documents/:id/preview', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}/preview` }) },
  // No rendition is made in this app (no job runner): members pass authorization and find no file.
  { method: 'GET', path: '/api/documents/:id/preview/p/:page{[0-9]{1,4}}', expect: scoped(404), request: (f) => ({ path: `/api/documents/${f.doc}/preview/p/1` }) },
  { method: 'GET', path: '/api/documents/:id/preview/f/:name', expect: scoped(404), request: (f) => ({ path: `/api/documents/${f.doc}/preview/f/img-1.webp` }) },
  { method: 'GET', path: '/api/documents/:id/preview/image', expect: scoped(404), request: (f) => ({ path: `/api/documents/${f.doc}/preview/image` }) },
  { method: 'PATCH', path: '/api/codes/:id', expect: scoped(200), request: (f) => ({ path: `/api/codes/${f.code}`, body: { closesAt: '2099-01-01T17:00:00+07:00' } }) },
  { method: 'GET', path: '/api/meetings/:id/report', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/report` }) },
  { method: 'GET', path: '/api/meetings/:id/report.csv', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/report.csv` }) },
  { method: 'GET', path: '/api/meetings/:id/report.pdf', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/report.pdf` }) },
  { method: 'POST', path: '/api/codes/:id/rotate', expect: scoped(200), request: (f) => ({ path: `/api/codes/${f.code}/rotate` }) },
  { method: 'DELETE', path: '/api/codes/:id', expect: scoped(204), request: (f) => ({ path: `/api/codes/${f.code}` }) },
  { method: 'GET', path: '/api/codes/:id/qr.svg', expect: scoped(200), request: (f) => ({ path: `/api/codes/${f.code}/qr.svg` }) },
  { method: 'GET', path: '/api/codes/:id/qr.png', expect: scoped(200), request: (f) => ({ path: `/api/codes/${f.code}/qr.png` }) },
  { method: 'GET', path: '/api/meetings/:id/sheets.pdf', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/sheets.pdf?layout=grid` }) },
  { method: 'PUT', path: '/api/meetings/:id/logo', expect: scoped(415), request: (f) => ({ path: `/api/meetings/${f.meeting}/logo`, body: 'not an image' }) },
  { method: 'DELETE', path: '/api/meetings/:id/logo', expect: scoped(400), request: (f) => ({ path: `/api/meetings/${f.meeting}/logo` }) },
  { method: 'GET', path: '/api/users', expect: adminOnly(200), request: () => ({ path: '/api/users' }) },
  { method: 'POST', path: '/api/users', expect: adminOnly(201), request: () => ({ path: '/api/users', body: { email: `u${Math.random().toString(36).slice(2)}@example.org`, name: 'Người mới', password: 'long-enough-password' } }) },
  { method: 'PATCH', path: '/api/users/:id', expect: adminOnly(200), request: () => ({ path: `/api/users/${USERS.spare}`, body: { name: 'Đổi tên' } }) },
  { method: 'POST', path: '/api/users/me/password', expect: { anonymous: 401, outsider: 400, member: 400, admin: 400 }, request: () => ({ path: '/api/users/me/password', body: { currentPassword: 'not-the-password', newPassword: 'another-long-password' } }) },
  { method: 'GET', path: '/api/audit', expect: adminOnly(200), request: () => ({ path: '/api/audit' }) },
  { method: 'GET', path: '/api/meetings/:id/printed-sheets', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/printed-sheets` }) },
  { method: 'GET', path: '/api/meetings/:id/books', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/books` }) },
  // A draft meeting has no book: 404 for members, the same 404 as for a missing meeting for outsiders.
  { method: 'GET', path: '/api/meetings/:id/books/:scope/file', expect: scoped(404), request: (f) => ({ path: `/api/meetings/${f.meeting}/books/meeting/file` }) },
  { method: 'GET', path: '/api/meetings/:id/labelled-copies', expect: scoped(200), request: (f) => ({ path: `/api/meetings/${f.meeting}/labelled-copies` }) },
  { method: 'GET', path: '/api/documents/:id/original', expect: scoped(200), request: (f) => ({ path: `/api/documents/${f.doc}/original` }) },
  { method: 'GET', path: '/api/base-url', expect: anyUser(200), request: () => ({ path: '/api/base-url' }) },
  // PUBLIC_URL is set in this app, so even an admin is refused (403): the operator's setting wins.
  { method: 'PUT', path: '/api/base-url', expect: { anonymous: 401, outsider: 403, member: 403, admin: 403 }, request: () => ({ path: '/api/base-url', body: { url: 'http://192.168.1.20:3000' } }) },
  { method: 'POST', path: '/api/test-scans', expect: anyUser(201), request: () => ({ path: '/api/test-scans' }) },
  { method: 'GET', path: '/api/test-scans/:id', expect: { anonymous: 401, outsider: 404, member: 404, admin: 200 }, request: (f) => ({ path: `/api/test-scans/${f.testScan}` }) },
  { method: 'GET', path: '/api/test-scans/:id/qr.svg', expect: { anonymous: 401, outsider: 404, member: 404, admin: 200 }, request: (f) => ({ path: `/api/test-scans/${f.testScan}/qr.svg` }) },
  // The set-up screen is open to all, and closed for good once any user exists.
  { method: 'GET', path: '/api/setup', expect: { anonymous: 200, outsider: 200, member: 200, admin: 200 }, request: () => ({ path: '/api/setup' }) },
  { method: 'POST', path: '/api/setup', expect: { anonymous: 409, outsider: 409, member: 409, admin: 409 }, request: () => ({ path: '/api/setup', body: { email: 'late@example.org', name: 'Muộn', password: 'long-enough-password' } }) },
];

// Routes outside the organizer API, public by design (checked by their own tests).
const PUBLIC = new Set(['GET /', 'GET /admin', 'GET /admin/*', 'GET /healthz', 'GET /s/:token', 'GET /s/:token/d/:documentId', 'GET /s/:token/r/:documentId', 'GET /s/:token/r/:documentId/p/:page{[0-9]{1,4}}', 'GET /s/:token/r/:documentId/f/:name', 'GET /s/:token/r/:documentId/image', 'POST /s/:token/pin', 'GET /s/_/:name', 'GET /s/:token/seen',
  // The meeting book: a code's page's rules (test/books/meeting-book.test.ts).
  'GET /s/:token/b', 'GET /s/:token/b/:sessionId',
  'GET /t/_/probe.js', 'GET /t/:token', 'GET /t/:token/ping', 'POST /t/:token/report']);

const USERS: Record<string, string> = {};
const PASSWORD = 'matrix-password-123';
let t: NodeTestApp;
const clients = {} as Record<Role, ApiClient>;

async function freshFixture(): Promise<Fixture> {
  const admin = clients.admin;
  const meeting = (await admin.post('/api/meetings', { title: 'Họp ma trận' })).body;
  await admin.post(`/api/meetings/${meeting.meeting.id}/members`, { userId: USERS.member });
  const session = (await admin.post(`/api/meetings/${meeting.meeting.id}/sessions`, { title: 'Phiên 1' })).body.session;
  const doc = (await admin.upload(`/api/meetings/${meeting.meeting.id}/documents`, [{ name: 'a.pdf', bytes: pdf }])).body.documents[0];
  const code = (await admin.get(`/api/sessions/${session.id}/codes`)).body.codes[0];
  const testScan = (await admin.post('/api/test-scans')).body.testScan.id;
  const upload = (await clients.member.post(`/api/meetings/${meeting.meeting.id}/uploads`, { filename: 'a.txt', size: 2 })).body.upload.id;
  await clients.member.fetch(`/api/uploads/${upload}/parts/1`, { method: 'PUT', body: '{}' });
  return { meeting: meeting.meeting.id, session: session.id, doc: doc.id, code: code.id, meetingCode: meeting.codes[0].id, testScan, upload };
}

beforeAll(async () => {
  t = await makeNodeApp();
  for (const role of ['admin', 'outsider', 'member', 'spare'] as const) {
    await t.addUser({ email: `${role}@example.org`, name: role, password: PASSWORD, role: role === 'admin' ? 'admin' : 'organizer' });
  }
  const list = (t.db.sqlite.prepare('select id, email from users').all() as { id: string; email: string }[]);
  for (const u of list) USERS[u.email.split('@')[0]!] = u.id;
  for (const role of ROLES) {
    clients[role] = new ApiClient(t.fetch);
    if (role !== 'anonymous') await clients[role].login(`${role}@example.org`, PASSWORD);
  }
  // The outsider manages a meeting of their own: being an organizer elsewhere gives nothing here.
  await clients.outsider.post('/api/meetings', { title: 'Cuộc họp khác' });
});

describe('authorization matrix', () => {
  it('has a row for every organizer route', () => {
    const routes = new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    const rows = new Set(ROWS.map((r) => `${r.method} ${r.path}`));
    const missing = [...routes].filter((r) => !rows.has(r) && !PUBLIC.has(r));
    expect(missing, 'routes without a row in the authorization matrix').toEqual([]);
    expect([...rows].filter((r) => !routes.has(r)), 'rows for routes that no longer exist').toEqual([]);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.path}`, async () => {
      for (const role of ROLES) {
        const f = await freshFixture();
        const req = row.request(f);
        const client = clients[role];
        const res = req.form
          ? (await client.upload(req.path, req.form, {}, row.method)).res
          : await client.fetch(req.path, {
              method: row.method,
              ...(row.method !== 'GET' && row.method !== 'DELETE' && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body ?? {}) }),
            });
        if (!res.bodyUsed) await res.arrayBuffer();
        expect(res.status, `${role} → ${row.method} ${req.path}`).toBe(row.expect[role]);
        // A logout (everywhere) ends the login: log back in for the next rows.
        if (role !== 'anonymous' && row.path.startsWith('/api/auth/logout')) await client.login(`${role}@example.org`, PASSWORD);
      }
    });
  }
});

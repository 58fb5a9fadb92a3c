import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cheapHash } from '../../test/support/auth-fixtures';
import { makeDelegateWorld, T0 } from '../../test/support/delegate-world';
import { accessEvents, codes, documents } from '../db/schema';
import { StorageUnavailableError, type ObjectStore } from '../storage/object-store';
import { answerDocument } from './answer-document';
import { answerPage, notFoundAnswer, recordThrough, storageDownAnswer, variantOf } from './answer-page';
import { DelegateRequest } from './delegate-request';
import { cachedCodeView, loadCodeView } from './load-code-view';
import { grantValue } from './pin-grant';
import { resolveCode } from './resolve-code';

// A published meeting with an open session (document "open") and a PIN session (document "secret"),
// a meeting code, a code for each session, and a rotated one.
const MEETING_CODE = 'MeetingCode0123456789A';
const OPEN_CODE = 'OpenSessionCode0123456';
const PIN_CODE = 'PinSessionCode01234567';
const OLD_CODE = 'RotatedCode01234567890';
const DEVICE = 'dddddddddddddddddddddddddddddddd';
let w: Awaited<ReturnType<typeof makeDelegateWorld>>;
let pinHash: string;

beforeEach(async () => {
  w = await makeDelegateWorld();
  pinHash = await cheapHash('2468');
  await w.meeting('m1');
  await w.session('s-open', 'm1', null, 0);
  await w.session('s-pin', 'm1', pinHash, 1);
  await w.document('open', 'm1', 's-open', '0123456789', { filename: 'Tờ trình.pdf' });
  await w.document('secret', 'm1', 's-pin', 'secret bytes');
  await w.code('c-meeting', 'm1', MEETING_CODE, { label: 'Bàn 1' });
  await w.code('c-open', 'm1', OPEN_CODE, { sessionId: 's-open' });
  await w.code('c-pin', 'm1', PIN_CODE, { sessionId: 's-pin' });
  await w.code('c-old', 'm1', OLD_CODE, { status: 'rotated' });
});
afterEach(() => w.close());

const request = (headers: Record<string, string> = {}, search = '', method = 'GET') => new DelegateRequest(method, search, new Headers(headers), 'http://192.168.1.20:3000');
const html = (body: unknown) => (typeof body === 'string' ? body : new TextDecoder().decode(body as Uint8Array));

describe('resolveCode and loadCodeView', () => {
  it('resolve an active code to its meeting and session, and nothing else', async () => {
    const meetingCode = await resolveCode(w.deps.db, MEETING_CODE);
    expect([meetingCode?.code.id, meetingCode?.meeting.id, meetingCode?.session]).toEqual(['c-meeting', 'm1', null]);
    const sessionCode = await resolveCode(w.deps.db, OPEN_CODE);
    expect([sessionCode?.code.id, sessionCode?.session?.id, sessionCode?.session?.title]).toEqual(['c-open', 's-open', 'Phiên s-open']);
    expect(await resolveCode(w.deps.db, OLD_CODE)).toBeNull();
    expect(await resolveCode(w.deps.db, 'UnknownCode0123456789A')).toBeNull();
    // A token of the wrong shape is refused before the database: even one stored that way.
    await w.handle.db.insert(codes).values({ id: 'c-odd', meetingId: 'm1', token: 'short', createdAt: new Date(T0) });
    expect(await resolveCode(w.deps.db, 'short')).toBeNull();
  });

  it('keep a code’s view in the cache until its next change', async () => {
    expect(cachedCodeView(w.deps, MEETING_CODE)).toBeUndefined();
    const view = (await loadCodeView(w.deps, MEETING_CODE))!;
    expect({ token: view.token, meetingId: view.meetingId, codeId: view.codeId, label: view.label, validUntil: view.validUntil }).toEqual({ token: MEETING_CODE, meetingId: 'm1', codeId: 'c-meeting', label: 'Bàn 1', validUntil: Number.POSITIVE_INFINITY });
    expect([...view.versions.keys()].sort()).toEqual(['open', 'secret']);
    expect(view.versions.get('open')).toMatchObject({ storageKey: 'docs/open/1', filename: 'Tờ trình.pdf', size: 10, etag: '"etag-open"' });
    expect(cachedCodeView(w.deps, MEETING_CODE)).toBe(view);
    // Served from the cache: the database is not asked again.
    await w.handle.db.delete(codes).where(eq(codes.id, 'c-meeting'));
    expect(await loadCodeView(w.deps, MEETING_CODE)).toBe(view);
    expect(await loadCodeView(w.deps, OLD_CODE)).toBeNull();
  });

  it('a view expires at the next release time', async () => {
    await w.handle.db.update(documents).set({ releaseAt: new Date(T0 + 60_000) }).where(eq(documents.id, 'open'));
    const view = (await loadCodeView(w.deps, OPEN_CODE))!;
    expect(view.validUntil).toBe(T0 + 60_000);
    expect(view.versions.size).toBe(0);
    w.clock.now = T0 + 60_000;
    expect(cachedCodeView(w.deps, OPEN_CODE)).toBeUndefined();
    expect((await loadCodeView(w.deps, OPEN_CODE))!.versions.has('open')).toBe(true);
  });
});

describe('answerPage', () => {
  it('answers the list, records one view for the code’s session, and 404 for unknown or rotated codes', async () => {
    const answer = await answerPage(w.deps, request(), OPEN_CODE);
    expect(answer.status).toBe(200);
    expect(answer.headers['X-Page-State']).toBe('list');
    expect(answer.headers['Cache-Control']).toBe('private, no-cache');
    expect(answer.headers.ETag).toMatch(/^"[^"]+"$/);
    expect(html(answer.body)).toContain('Tài liệu open');
    expect(await w.events()).toEqual([{ kind: 'view', meetingId: 'm1', sessionId: 's-open', codeId: 'c-open', label: null, documentId: null }]);
    for (const token of [OLD_CODE, 'UnknownCode0123456789A', 'bad']) {
      const missing = await answerPage(w.deps, request(), token);
      expect([missing.status, missing.headers['X-Page-State'], missing.headers['Cache-Control']], token).toEqual([404, 'not_found', 'no-store']);
    }
    expect(await w.events()).toHaveLength(1);
  });

  it('records the meeting code’s views with its label and no session', async () => {
    await answerPage(w.deps, request(), MEETING_CODE);
    expect(await w.events()).toEqual([{ kind: 'view', meetingId: 'm1', sessionId: null, codeId: 'c-meeting', label: 'Bàn 1', documentId: null }]);
  });

  it('answers a revalidation with 304, counted only when a device cookie came with it; refresh polls are not views', async () => {
    const first = await answerPage(w.deps, request(), OPEN_CODE);
    const etag = first.headers.ETag!;
    const again = await answerPage(w.deps, request({ 'if-none-match': etag }), OPEN_CODE);
    expect([again.status, again.body, again.headers.ETag]).toEqual([304, null, etag]);
    expect(await answerPage(w.deps, request({ 'if-none-match': etag }), OPEN_CODE)).toBe(again);
    for (const list of [`"x", ${etag}`, `${etag}, "x"`, `"x",${etag}`, `"x" ,  ${etag}`]) {
      expect((await answerPage(w.deps, request({ 'if-none-match': list }), OPEN_CODE)).status, list).toBe(304);
    }
    expect((await answerPage(w.deps, request({ 'if-none-match': '"x"' }), OPEN_CODE)).status).toBe(200);
    expect(await w.events()).toHaveLength(2);
    await answerPage(w.deps, request({ 'if-none-match': etag, cookie: `qrhop_d=${DEVICE}` }), OPEN_CODE);
    expect(await w.events()).toHaveLength(3);
    await answerPage(w.deps, request({ 'x-qrhop-refresh': '1' }), OPEN_CODE);
    expect(await w.events()).toHaveLength(3);
    await answerPage(w.deps, request({ 'x-qrhop-refresh': '0' }), OPEN_CODE);
    expect(await w.events()).toHaveLength(4);
  });

  it('sends gzip to a client that takes it', async () => {
    const answer = await answerPage(w.deps, request({ 'accept-encoding': 'gzip, deflate' }), OPEN_CODE);
    expect(answer.headers['Content-Encoding']).toBe('gzip');
    const text = await new Response(new Response(answer.body as BodyInit).body!.pipeThrough(new DecompressionStream('gzip'))).text();
    expect(text).toContain('Tài liệu open');
  });

  it('asks for the PIN of a PIN session’s code, and lists it to a device with a grant', async () => {
    const locked = await answerPage(w.deps, request(), PIN_CODE);
    expect(locked.headers['X-Page-State']).toBe('pin');
    expect(html(locked.body)).not.toContain('Tài liệu secret');
    // A PIN page is not a view of the list.
    expect(await w.events()).toEqual([]);
    const grant = await grantValue('test-secret', pinHash, PIN_CODE, 's-pin', DEVICE);
    const open = await answerPage(w.deps, request({ cookie: `qrhop_d=${DEVICE}; qrhop_pin_s-pin=${grant}` }), PIN_CODE);
    expect(open.headers['X-Page-State']).toBe('list');
    expect(html(open.body)).toContain('Tài liệu secret');
    expect(await w.events()).toHaveLength(1);
  });

  it('lists a PIN session’s documents on the meeting code (open and PIN sessions together) to a device with a grant', async () => {
    expect(html((await answerPage(w.deps, request(), MEETING_CODE)).body)).not.toContain('Tài liệu secret');
    const grant = await grantValue('test-secret', pinHash, MEETING_CODE, 's-pin', DEVICE);
    const open = await answerPage(w.deps, request({ cookie: `qrhop_d=${DEVICE}; qrhop_pin_s-pin=${grant}` }), MEETING_CODE);
    expect(html(open.body)).toContain('Tài liệu secret');
    expect(html(open.body)).toContain('Tài liệu open');
  });

  it('records a reader page with its number (recordThrough)', async () => {
    const view = (await loadCodeView(w.deps, MEETING_CODE))!;
    recordThrough(w.deps, request(), view, 'page', 'open', 's-open', 3);
    recordThrough(w.deps, request(), view, 'read', 'open', 's-open');
    await new Promise((r) => setTimeout(r, 10));
    const rows = await w.handle.db.select().from(accessEvents);
    expect(rows.map((r) => [r.kind, r.documentId, r.sessionId, r.codeId, r.label, r.page])).toEqual([['page', 'open', 's-open', 'c-meeting', 'Bàn 1', 3], ['read', 'open', 's-open', 'c-meeting', 'Bàn 1', null]]);
  });

  it('shows a draft meeting as not open yet, without counting a view', async () => {
    await w.meeting('m2', 'draft');
    await w.code('c-draft', 'm2', 'DraftCode0123456789ABC');
    const answer = await answerPage(w.deps, request(), 'DraftCode0123456789ABC');
    expect([answer.status, answer.headers['X-Page-State']]).toEqual([200, 'not_open']);
    expect(await w.events()).toEqual([]);
  });

  it('answers a closed meeting with 410 every time, never a 304, and counts no view', async () => {
    await w.meeting('m3', 'archived');
    await w.code('c-closed', 'm3', 'ClosedCode0123456789AB');
    const closed = await answerPage(w.deps, request(), 'ClosedCode0123456789AB');
    expect([closed.status, closed.headers['X-Page-State']]).toEqual([410, 'closed']);
    const again = await answerPage(w.deps, request({ 'if-none-match': closed.headers.ETag!, cookie: `qrhop_d=${DEVICE}` }), 'ClosedCode0123456789AB');
    expect(again.status).toBe(410);
    expect(await w.events()).toEqual([]);
  });

  it('counts a view of a session whose documents are not released yet', async () => {
    await w.handle.db.update(documents).set({ releaseAt: new Date(T0 + 60_000) }).where(eq(documents.id, 'open'));
    const answer = await answerPage(w.deps, request(), OPEN_CODE);
    expect(answer.headers['X-Page-State']).toBe('not_released');
    expect(await w.events()).toHaveLength(1);
  });
});

describe('variantOf, storageDownAnswer, notFoundAnswer', () => {
  it('takes the language, Zalo on Android, and the public URL over the request’s origin', () => {
    const zalo = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 Zalo android/12080801';
    expect(variantOf(w.deps, request({ 'user-agent': zalo }))).toEqual({ lang: 'vi', androidInApp: true, origin: 'https://qr.example.vn' });
    const iphoneZalo = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/1.0';
    expect(variantOf(w.deps, request({ 'user-agent': iphoneZalo })).androidInApp).toBe(false);
    const chrome = 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
    expect(variantOf(w.deps, request({ 'user-agent': chrome }, '?lang=en')).androidInApp).toBe(false);
    expect(variantOf(w.deps, request({}, '?lang=en')).lang).toBe('en');
    const noPublic = { ...w.deps, settings: { ...w.deps.settings, publicUrl: undefined } };
    expect(variantOf(noPublic, request()).origin).toBe('http://192.168.1.20:3000');
  });

  it('a store outage is a 503 page, retried after 30 s, with a link to the other language', () => {
    const vi = storageDownAnswer('vi', 'Tok/en 1');
    expect([vi.status, vi.headers['Retry-After'], vi.headers['X-Page-State'], vi.headers['Cache-Control']]).toEqual([503, '30', 'storage_down', 'no-store']);
    expect(vi.body).toContain('/s/Tok%2Fen%201?lang=en');
    // The Vietnamese message as the page's title and as its text.
    expect(vi.body).toContain('<p>Kho tài liệu tạm thời không truy cập được. Vui lòng thử lại sau ít phút.</p>');
    expect(storageDownAnswer('en', 'abc').body).toContain('/s/abc?lang=vi');
    expect(notFoundAnswer('vi', 'abc')).toMatchObject({ status: 404, headers: { 'X-Page-State': 'not_found' } });
  });
});

describe('answerDocument', () => {
  const text = async (body: unknown) => new Response(body as BodyInit).text();

  it('serves a listed document and records the open for its session', async () => {
    const answer = await answerDocument(w.deps, request(), MEETING_CODE, 'open');
    expect(answer.status).toBe(200);
    expect(await text(answer.body)).toBe('0123456789');
    expect(answer.headers['Content-Disposition']).toMatch(/^inline;/);
    expect(await w.events()).toEqual([{ kind: 'open', meetingId: 'm1', sessionId: 's-open', codeId: 'c-meeting', label: 'Bàn 1', documentId: 'open' }]);
    const download = await answerDocument(w.deps, request({}, '?download=1'), MEETING_CODE, 'open');
    expect(download.headers['Content-Disposition']).toMatch(/^attachment;/);
    expect((await answerDocument(w.deps, request({}, '?download=0'), MEETING_CODE, 'open')).headers['Content-Disposition']).toMatch(/^inline;/);
  });

  it('counts the first range of a viewer as an open, not the later ones, nor revalidations or HEAD', async () => {
    const first = await answerDocument(w.deps, request({ range: 'bytes=0-3' }), OPEN_CODE, 'open');
    expect([first.status, await text(first.body)]).toEqual([206, '0123']);
    expect(await w.events()).toHaveLength(1);
    const later = await answerDocument(w.deps, request({ range: 'bytes=4-' }), OPEN_CODE, 'open');
    expect(later.status).toBe(206);
    expect(await w.events()).toHaveLength(1);
    const revalidated = await answerDocument(w.deps, request({ 'if-none-match': '"etag-open"' }), OPEN_CODE, 'open');
    expect(revalidated.status).toBe(304);
    const head = await answerDocument(w.deps, request({}, '', 'HEAD'), OPEN_CODE, 'open');
    expect([head.status, head.headers['Content-Length']]).toEqual([200, '10']);
    const fromStart = await answerDocument(w.deps, request({ range: 'bytes=0-' }), OPEN_CODE, 'open');
    expect(fromStart.status).toBe(206);
    expect(await w.events()).toHaveLength(2);
    expect((await answerDocument(w.deps, request({ range: 'bytes=50-' }), OPEN_CODE, 'open')).status).toBe(416);
    expect(await w.events()).toHaveLength(2);
  });

  it('counts a redirect to the store as an open', async () => {
    const store = Object.assign(Object.create(w.store) as ObjectStore, { signedDownloadUrl: async () => 'https://bucket.example/open?sig=1' });
    const deps = { ...w.deps, store, settings: { ...w.deps.settings, downloadMode: 'redirect' as const } };
    const answer = await answerDocument(deps, request(), OPEN_CODE, 'open');
    expect([answer.status, answer.headers.Location]).toEqual([302, 'https://bucket.example/open?sig=1']);
    expect(await w.events()).toHaveLength(1);
    // The proxy mode streams even when the store could sign.
    expect((await answerDocument({ ...deps, settings: w.deps.settings }, request(), OPEN_CODE, 'open')).status).toBe(200);
  });

  it('answers a store outage with the 503 page, in the delegate’s language', async () => {
    const store = Object.assign(Object.create(w.store) as ObjectStore, { get: async () => { throw new StorageUnavailableError('down'); } });
    const answer = await answerDocument({ ...w.deps, store }, request({}, '?lang=en'), OPEN_CODE, 'open');
    expect([answer.status, answer.headers['X-Page-State']]).toEqual([503, 'storage_down']);
    expect(answer.body).toContain(`/s/${OPEN_CODE}?lang=vi`);
    expect(await w.events()).toEqual([]);
    const broken = Object.assign(Object.create(w.store) as ObjectStore, { get: async () => { throw new Error('bug'); } });
    await expect(answerDocument({ ...w.deps, store: broken }, request(), OPEN_CODE, 'open')).rejects.toThrow('bug');
  });

  it('refuses documents the page does not list to this device', async () => {
    expect((await answerDocument(w.deps, request(), OPEN_CODE, 'secret')).status).toBe(404);
    expect((await answerDocument(w.deps, request(), PIN_CODE, 'secret')).status).toBe(403);
    expect((await answerDocument(w.deps, request(), OLD_CODE, 'open')).status).toBe(404);
    const grant = await grantValue('test-secret', pinHash, MEETING_CODE, 's-pin', DEVICE);
    const granted = await answerDocument(w.deps, request({ cookie: `qrhop_d=${DEVICE}; qrhop_pin_s-pin=${grant}` }), MEETING_CODE, 'secret');
    expect([granted.status, await text(granted.body)]).toEqual([200, 'secret bytes']);
    expect(await w.events()).toEqual([{ kind: 'open', meetingId: 'm1', sessionId: 's-pin', codeId: 'c-meeting', label: 'Bàn 1', documentId: 'secret' }]);
  });
});

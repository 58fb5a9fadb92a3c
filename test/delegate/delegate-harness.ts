/**
 * A real app (SQLite file, local store) with a clock the test moves, an admin
 * already logged in and shortcuts to build a meeting the way the console does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchingRecorder } from '../../server/access/access-recorder';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../server/app-env';
import { addUser } from '../../server/auth/users';
import { openSqlite } from '../../server/runtime/node/sqlite-client';
import { MemoryPageCache } from '../../server/delegate/page-cache';
import { createNodeServer } from '../../server/runtime/node/node-delegate-lane';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';
import { brotli } from '../../server/runtime/node/node-ports';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import { ApiClient } from '../support/api-client';
import { listen, rawFetch } from '../support/raw-fetch';
import { makePdf } from '../support/sample-files';

export const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
export { ZALO_ANDROID as ZALO_ANDROID_UA } from '../support/user-agents';

const PASSWORD = 'correct horse battery';

/**
 * How phones reach the app: `app` calls it in process (as on Workers, through the Hono
 * routes); `node` goes over real HTTP to the Node entry's server, whose direct lane
 * answers pages and documents. Organizers always go through the app.
 */
export type Transport = 'app' | 'node';
export const TRANSPORTS: Transport[] = ['app', 'node'];

export async function makeDelegateApp(options: { transport?: Transport } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-delegate-'));
  const db = openSqlite(join(dir, 'qrhop.db'));
  const store = await new LocalDiskStore(join(dir, 'objects')).open();
  const recorder = new BatchingRecorder(db.db, 10);
  const clock = { now: Date.parse('2026-12-01T00:30:00Z') };
  const deps: AppDeps = {
    db: db.db, store, recorder, brotli, pageCache: new MemoryPageCache(), now: () => clock.now, loadSheetFonts: async () => readSheetFonts(),
    settings: { publicUrl: 'https://qr.example.vn', maxUploadBytes: 5 * 1024 * 1024, downloadMode: 'redirect', retentionDays: 365, secret: 'test-secret' },
  };
  const app = createApp(deps);
  const fetch = async (path: string, init?: RequestInit) => app.request(path, init);
  const node = options.transport === 'node' ? await listen(createNodeServer(deps, app.fetch)) : undefined;
  const phoneFetch = node ? (path: string, init?: RequestInit) => rawFetch(node.base + path, init) : fetch;
  await addUser(db.db, { email: 'bto@example.org', name: 'Ban tổ chức', password: PASSWORD, role: 'admin' }, clock.now);
  const admin = new ApiClient(fetch);
  await admin.login('bto@example.org', PASSWORD);

  /** A phone: its own cookie jar (device id, language, PIN grants) and user agent. */
  const phone = (ua = PHONE_UA, headers: Record<string, string> = {}) => new ApiClient(phoneFetch, { 'user-agent': ua, 'accept-language': 'vi-VN,vi;q=0.9', ...headers });

  async function meeting(title = 'Hội nghị Ban Chấp hành Đảng bộ huyện', extra: Record<string, unknown> = {}) {
    const r = await admin.post('/api/meetings', { title, venue: 'Hội trường UBND huyện', ...extra });
    if (r.status !== 201) throw new Error(`meeting: ${r.status} ${JSON.stringify(r.body)}`);
    return { id: r.body.meeting.id as string, token: r.body.codes[0].token as string, codeId: r.body.codes[0].id as string };
  }

  async function session(meetingId: string, input: Record<string, unknown>) {
    const r = await admin.post(`/api/meetings/${meetingId}/sessions`, input);
    if (r.status !== 201) throw new Error(`session: ${r.status} ${JSON.stringify(r.body)}`);
    const codes = await admin.get(`/api/sessions/${r.body.session.id}/codes`);
    return { id: r.body.session.id as string, token: codes.body.codes[0].token as string, codeId: codes.body.codes[0].id as string };
  }

  async function upload(meetingId: string, sessionId: string, names: string[]) {
    const files = names.map((name) => ({ name, bytes: makePdf(name.normalize('NFD').replace(/[^\x20-\x7e]/g, ''), 2000), type: 'application/pdf' }));
    const r = await admin.upload(`/api/meetings/${meetingId}/documents`, files, { sessionId });
    if (r.status !== 201) throw new Error(`upload: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.documents as { id: string; title: string; size: number }[];
  }

  const publish = async (meetingId: string) => {
    const r = await admin.patch(`/api/meetings/${meetingId}`, { status: 'published' });
    if (r.status !== 200) throw new Error(`publish: ${r.status} ${JSON.stringify(r.body)}`);
  };

  /** Logs the organizer in again: moving the clock by days ends the login session, as it should. */
  const relogin = () => admin.login('bto@example.org', PASSWORD);

  const stats = async (meetingId: string) => {
    const r = await admin.get(`/api/meetings/${meetingId}/stats`);
    if (r.status !== 200) throw new Error(`stats: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  return {
    app, deps, db, store, recorder, clock, admin, fetch, phoneFetch, nodeBase: node?.base, phone, meeting, session, upload, publish, stats, relogin, dir,
    close: async () => {
      await node?.close();
      await recorder.flush();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type DelegateApp = Awaited<ReturnType<typeof makeDelegateApp>>;

/** The visible text of a page, tags removed, entities decoded: what a reader sees. */
export function pageText(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/\s+/g, ' ').trim();
}

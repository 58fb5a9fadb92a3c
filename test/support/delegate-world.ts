// For the fast tests beside server/delegate: the delegate side's real parts in one process — SQLite in
// memory, a local-disk store in a temp folder, the direct access recorder (rows in access_events), the
// page cache — with a meeting, its sessions, documents and codes inserted as rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectRecorder } from '../../server/access/access-recorder';
import type { AppDeps } from '../../server/app-env';
import { accessEvents, codes, documents, documentVersions, meetings, sessionDocuments, sessions } from '../../server/db/schema';
import { MemoryPageCache } from '../../server/delegate/page-cache';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import type { ObjectStore } from '../../server/storage/object-store';
import { memoryDb } from './auth-fixtures';

export const T0 = Date.parse('2026-12-01T08:00:00Z');

export async function makeDelegateWorld(settings: Partial<AppDeps['settings']> = {}) {
  const handle = memoryDb();
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-delegate-'));
  const store: ObjectStore = await new LocalDiskStore(join(dir, 'objects')).open();
  const clock = { now: T0 };
  const deps: AppDeps = {
    db: handle.db, store, recorder: new DirectRecorder(handle.db), pageCache: new MemoryPageCache(), now: () => clock.now,
    settings: { publicUrl: 'https://qr.example.vn', maxUploadBytes: 1024 * 1024, downloadMode: 'proxy', retentionDays: 365, secret: 'test-secret', ...settings },
    loadSheetFonts: async () => { throw new Error('no sheets here'); },
  };
  const at = new Date(T0 - 3600_000);
  return {
    deps, handle, store, clock,
    async meeting(id: string, status: 'draft' | 'published' | 'archived' = 'published') {
      await handle.db.insert(meetings).values({ id, title: `Kỳ họp ${id}`, status, publishedAt: status === 'draft' ? null : at, createdAt: at, updatedAt: at });
    },
    async session(id: string, meetingId: string, pinHash: string | null = null, position = 0) {
      await handle.db.insert(sessions).values({ id, meetingId, title: `Phiên ${id}`, position, pinHash, createdAt: at });
    },
    /** A document with one stored version, attached to a session. */
    async document(id: string, meetingId: string, sessionId: string, bytes: string, options: { confidential?: boolean; releaseAt?: Date; filename?: string } = {}) {
      const storageKey = `docs/${id}/1`;
      await store.put(storageKey, new Response(bytes).body!, { contentType: 'application/pdf' });
      await handle.db.insert(documents).values({ id, meetingId, title: `Tài liệu ${id}`, currentVersion: 1, confidential: options.confidential ?? false, releaseAt: options.releaseAt ?? null, createdAt: at, updatedAt: at });
      await handle.db.insert(documentVersions).values({ documentId: id, version: 1, storageKey, filename: options.filename ?? `${id}.pdf`, contentType: 'application/pdf', size: new TextEncoder().encode(bytes).byteLength, etag: `"etag-${id}"`, createdAt: at });
      await handle.db.insert(sessionDocuments).values({ sessionId, documentId: id, position: 0 });
    },
    async code(id: string, meetingId: string, token: string, options: { sessionId?: string | null; label?: string | null; status?: 'active' | 'rotated' | 'revoked' } = {}) {
      await handle.db.insert(codes).values({ id, meetingId, token, sessionId: options.sessionId ?? null, label: options.label ?? null, status: options.status ?? 'active', createdAt: at });
    },
    events: async () => (await handle.db.select().from(accessEvents)).map((e) => ({ kind: e.kind, meetingId: e.meetingId, sessionId: e.sessionId, codeId: e.codeId, label: e.label, documentId: e.documentId })),
    close() {
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

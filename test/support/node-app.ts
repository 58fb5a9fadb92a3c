import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchingRecorder } from '../../server/access/access-recorder';
import { createApp } from '../../server/app';
import type { AppDeps, AppSettings } from '../../server/app-env';
import { addUser } from '../../server/auth/users';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';
import { openSqlite } from '../../server/runtime/node/sqlite-client';
import { MemoryPageCache } from '../../server/delegate/page-cache';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import type { ObjectStore } from '../../server/storage/object-store';
import type { Harness } from '../scenarios/core-api.scenarios';

export interface NodeTestApp extends Harness {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  db: ReturnType<typeof openSqlite>;
  store: ObjectStore;
  dir: string;
  recorder: BatchingRecorder;
  close(): Promise<void>;
}

/** The real app on a real SQLite file and a real store in a fresh temp folder. */
export async function makeNodeApp(options: { store?: ObjectStore; settings?: Partial<AppSettings>; dir?: string } = {}): Promise<NodeTestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'qrhop-test-'));
  const db = openSqlite(join(dir, 'qrhop.db'));
  const store = options.store ?? (await new LocalDiskStore(join(dir, 'objects')).open());
  const recorder = new BatchingRecorder(db.db, 20);
  const settings: AppSettings = { publicUrl: 'https://qr.example.vn', maxUploadBytes: 1024 * 1024, downloadMode: 'redirect', retentionDays: 365, secret: 'test-secret', ...options.settings };
  const deps: AppDeps = { db: db.db, store, recorder, settings, pageCache: new MemoryPageCache(), now: () => Date.now(), loadSheetFonts: async () => readSheetFonts() };
  const app = createApp(deps);
  return {
    app, deps, db, store, dir, recorder,
    maxUploadBytes: settings.maxUploadBytes,
    fetch: async (path, init) => app.request(path, init),
    addUser: async (u) => void (await addUser(db.db, u, Date.now())),
    close: async () => {
      // Queued access events are written first, as a normal server shutdown does.
      await recorder.flush().catch(() => undefined);
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

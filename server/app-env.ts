import type { Db } from './db/database';
import type { ObjectStore } from './storage/object-store';
import type { AccessRecorder } from './access/access-recorder';
import type { PageCache } from './delegate/page-cache';
import type { SessionUser } from './auth/login-sessions';

/** Settings the runtime-neutral app needs; each entry maps its own configuration onto these. */
export interface AppSettings {
  /** Base the QR codes encode; when absent, the origin of the request. */
  publicUrl?: string;
  maxUploadBytes: number;
  /** S3/R2: redirect delegates to a presigned URL, or stream through the server. */
  downloadMode: 'redirect' | 'proxy';
  retentionDays: number;
  /**
   * Server secret (generated on first start on Node, `wrangler secret put QRHOP_SECRET` on
   * Workers): keys the hashes of login session ids and signs delegate grants.
   */
  secret?: string;
}

/** Everything the app reads or writes, handed in by the entry (node.ts or worker.ts). */
export interface AppDeps {
  db: Db;
  store: ObjectStore;
  recorder: AccessRecorder;
  settings: AppSettings;
  pageCache: PageCache;
  now: () => number;
  /** Optional brotli compressor (Node has one; gzip comes from CompressionStream everywhere). */
  brotli?: (bytes: Uint8Array) => Uint8Array;
  /** Fonts for the PDF sheets (Workers bundles them); Node reads them from node_modules when absent. */
  loadSheetFonts?: () => Promise<import('./print/types').SheetFonts>;
  /** The organizer console's built files: in memory on Node, through the ASSETS binding on Workers. */
  consoleAssets?: ConsoleAssets;
  /**
   * The background job runner, when this runtime has one (Node): told to look at the queue
   * right after a job is queued. Without it queued jobs wait for a runner's next poll.
   */
  jobs?: { wake(): void };
  /**
   * What this runtime renders for the reader itself (Node: by the tools it found; Workers: Word
   * only), so the rendition API knows which documents a client (console, CLI) may render.
   */
  readerRuntime?: { renders: { pdf: boolean; office: boolean; word: boolean }; pdfCountMaxBytes?: number };
}

export interface ConsoleAsset {
  body: Uint8Array;
  type: string;
  immutable: boolean;
}

/** Built console files by path under /admin ('/index.html', '/assets/…'); a Map qualifies. */
export interface ConsoleAssets {
  get(path: string): ConsoleAsset | undefined | Promise<ConsoleAsset | undefined>;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: SessionUser;
  };
};

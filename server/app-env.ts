import type { Db } from './db/database';
import type { ObjectStore } from './storage/object-store';
import type { AccessRecorder } from './access/access-recorder';
import type { PageCache } from './delegate/page-cache';
import type { SessionUser } from './auth/login-sessions';

/** Settings the runtime-neutral app needs; each entry maps its own configuration onto these. */
export interface AppSettings {
  /** Base the QR codes encode, set by the operator (PUBLIC_URL): wins over the one stored in the console. */
  publicUrl?: string;
  /** The entry's guess when nothing is set (Node: the first LAN address); else the request's origin. */
  guessedPublicUrl?: string;
  /** One-time code printed in the terminal that allows creating the first admin from another machine. */
  setupCode?: string;
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
  /** The machine's network addresses (Node), offered in the console when the base URL was guessed. */
  machineAddresses?: () => MachineAddress[];
}

export interface MachineAddress {
  /** Adapter name as the OS gives it ('Wi-Fi', 'eth0', 'vEthernet (WSL)'). */
  name: string;
  address: string;
  /** VPN, container or virtual-machine adapter, as far as its name tells: phones rarely reach it. */
  virtual: boolean;
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

// The ports every feature sees. Imports infrastructure only (db/, storage/, ports/), never a
// feature: nearly every file imports this one (enforced by test/architecture/import-rules.test.ts).
import type { Db } from './db/database';
import type { AccessRecorder } from './ports/access-recorder';
import type { ConsoleAssets } from './ports/console-assets';
import type { MachineAddress } from './ports/machine-addresses';
import type { MeetingChanges } from './ports/meeting-changes';
import type { PageCache } from './ports/page-cache';
import type { PdfWork } from './ports/pdf-work';
import type { SessionUser } from './ports/session-user';
import type { SheetFontsLoader } from './ports/sheet-fonts';
import type { AttemptStore } from './ports/attempt-store';
import type { CookielessVisits } from './ports/cookieless-visits';
import type { SignaturePorts } from './ports/signature-ports';
import type { VisitHistory } from './ports/visit-history';
import type { ObjectStore } from './storage/object-store';

export type { ConsoleAsset, ConsoleAssets } from './ports/console-assets';
export type { MachineAddress } from './ports/machine-addresses';

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

/** Everything the app reads or writes, handed in by the entry (runtime/node/node.ts or runtime/workers/worker.ts). */
export interface AppDeps {
  db: Db;
  store: ObjectStore;
  recorder: AccessRecorder;
  settings: AppSettings;
  pageCache: PageCache;
  /** Told which meetings an organizer changed, when their pages live elsewhere too (Workers: each meeting's Durable Object). */
  meetingChanges?: MeetingChanges;
  now: () => number;
  /** Optional brotli compressor (Node has one; gzip comes from CompressionStream everywhere). */
  brotli?: (bytes: Uint8Array) => Uint8Array;
  /**
   * Where labelled copies are stamped (and, through the job's ports, books compiled): Node hands
   * the work to worker threads (runtime/node/pdf-work/); absent: in place (Workers, tests).
   */
  pdfWork?: PdfWork;
  /** Fonts for the PDF sheets: Node reads them from node_modules, Workers has them bundled. */
  loadSheetFonts: SheetFontsLoader;
  /** The organizer console's built files: in memory on Node, through the ASSETS binding on Workers. */
  consoleAssets?: ConsoleAssets;
  /**
   * Counts of failed logins, password checks and PINs; absent: in memory, one per app
   * (createApp makes it). On Workers a Durable Object can implement the port to make the limits global.
   */
  attempts?: AttemptStore;
  /** Groups cookieless bursts from one address into one device (needs the client's address; absent: no grouping). */
  cookieless?: CookielessVisits;
  /** When a device's previous visit ended, for the badges; absent: read from the access log at each ask. */
  visits?: VisitHistory;
  /**
   * The background job runner, when this runtime has one (Node): told to look at the queue
   * right after a job is queued. Without it queued jobs wait for a runner's next poll.
   */
  jobs?: { wake(): void };
  /** Trust anchors for the signature check (and a native hash); absent: no anchor, so nothing reads "trusted". */
  signatures?: SignaturePorts;
  /**
   * What this runtime renders for the reader itself (Node: by the tools it found; Workers: Word
   * only), so the rendition API knows which documents a client (console, CLI) may render.
   */
  readerRuntime?: { renders: { pdf: boolean; office: boolean; word: boolean }; pdfCountMaxBytes?: number };
  /** The machine's network addresses (Node), offered in the console when the base URL was guessed. */
  machineAddresses?: () => MachineAddress[];
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    user: SessionUser;
  };
};

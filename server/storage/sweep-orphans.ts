import { inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { chunkedUploads, documentVersions, meetingBooks, meetings, renditionPages } from '../db/schema';
import type { ObjectStore } from './object-store';
import { abortAbandonedUploads, liveChunkedUploads } from './abort-abandoned-uploads';

export const DEFAULT_SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;

// Only keys the app itself writes are candidates: documents (`docs/<meeting>/<document>/<id>`,
// storageKeyFor in documents/upload-documents.ts) and sheet logos (`logos/<meeting>/<id>`,
// logoKeyFor in meetings/meeting-logo.ts). A bucket shared with other tools, or a prefix
// someone mis-set, must never lose files QRHop did not create.
// Rendition files (`renditions/<document>/v<version>/<file>`, see reader/rendition-plan.ts)
// too: each has its rendition_pages row, written right after the file.
// Meeting books (`books/<meeting>/<id>`, referenced by meeting_books.storage_key) and labelled
// copies (`stamped/<meeting>/<hash>`: a cache, referenced by nothing, made again on the next
// download) too — see docs/meeting-book.md.
const APP_KEY = /^(docs\/[^/]+\/[^/]+\/[^/]+|logos\/[^/]+\/[^/]+|renditions\/[^/]+\/v\d+\/[^/]+|books\/[^/]+\/[^/]+|stamped\/[^/]+\/[^/]+)$/;
// Few enough bound parameters per query for SQLite and D1 alike.
const KEYS_PER_QUERY = 90;

export interface SweepOptions {
  /**
   * Objects younger than this are kept even when no row points to them: an upload in
   * flight has its object before its row (default 24 h).
   */
  graceMs?: number;
  /** The sweep's clock (ms since the epoch); default Date.now(). */
  now?: number;
  /** Report what would be removed, remove nothing. */
  dryRun?: boolean;
}

export interface SweptObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface SweepResult {
  /** Removed (or, in a dry run, removable) objects. */
  removed: SweptObject[];
  /** Their total size. */
  bytes: number;
  /** Objects of the app's key space looked at. */
  scanned: number;
  /** Unreferenced objects kept because they are younger than the grace period. */
  young: number;
  /** Unfinished multipart uploads (S3) older than the grace period, aborted. */
  abortedUploads: { key: string; uploadId: string; initiated: Date }[];
  dryRun: boolean;
}

/** Stores that can hold unfinished uploads (S3 multipart) and clean them. */
interface HoldsUnfinishedUploads {
  abortStaleUploads(before: Date, options: { dryRun?: boolean; keep?: ReadonlySet<string> }): Promise<{ key: string; uploadId: string; initiated: Date }[]>;
}

const holdsUnfinishedUploads = (store: ObjectStore): store is ObjectStore & HoldsUnfinishedUploads =>
  typeof (store as Partial<HoldsUnfinishedUploads>).abortStaleUploads === 'function';

/**
 * Deletes stored objects that no document version, meeting logo or rendition file row points to and that are older than
 * the grace period: what a failed row insert, a document deleted while the store was
 * down, or a crash between object and row leave behind. Storage errors propagate
 * (the sweep is idempotent: the next run picks up where this one stopped).
 */
export async function sweepOrphans(db: Db, store: ObjectStore, options: SweepOptions = {}): Promise<SweepResult> {
  const graceMs = options.graceMs ?? DEFAULT_SWEEP_GRACE_MS;
  if (!Number.isFinite(graceMs) || graceMs < 0) throw new RangeError(`grace period must be ≥ 0 ms, got ${graceMs}`);
  const cutoff = (options.now ?? Date.now()) - graceMs;
  const dryRun = options.dryRun ?? false;

  let scanned = 0;
  const old: SweptObject[] = [];
  const youngKeys: string[] = [];
  for await (const item of store.list()) {
    if (!APP_KEY.test(item.key)) continue;
    scanned++;
    if (item.lastModified.getTime() <= cutoff) old.push(item);
    else youngKeys.push(item.key);
  }

  // The rows are read after the listing, so any object whose row was written before
  // this point is seen as referenced; later rows belong to objects inside the grace period.
  const referenced = await referencedKeys(db, old.map((o) => o.key));
  const removed = old.filter((o) => !referenced.has(o.key));
  if (!dryRun) for (const object of removed) await store.delete(object.key);
  const young = (await referencedKeys(db, youngKeys)).size;

  // Chunked uploads idle past the grace period first (by their rows: R2 cannot list its
  // multipart uploads), then anything the store still holds unfinished (S3, local disk).
  const abortedUploads = await abortAbandonedUploads(db, store, new Date(cutoff), { dryRun });
  const known = new Set(abortedUploads.map((u) => u.uploadId));
  if (holdsUnfinishedUploads(store)) {
    // A chunked upload begun over a day ago but still receiving parts is kept: its row says so.
    const keep = await liveChunkedUploads(db);
    abortedUploads.push(...(await store.abortStaleUploads(new Date(cutoff), { dryRun, keep })).filter((u) => !known.has(u.uploadId)));
  }
  return {
    removed,
    bytes: removed.reduce((sum, o) => sum + o.size, 0),
    scanned,
    young: youngKeys.length - young,
    abortedUploads,
    dryRun,
  };
}

async function referencedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const documentKeys = keys.filter((key) => key.startsWith('docs/'));
  const logoKeys = keys.filter((key) => key.startsWith('logos/'));
  const renditionKeys = keys.filter((key) => key.startsWith('renditions/'));
  const bookKeys = keys.filter((key) => key.startsWith('books/'));
  for (let i = 0; i < documentKeys.length; i += KEYS_PER_QUERY) {
    const rows = await db
      .select({ key: documentVersions.storageKey })
      .from(documentVersions)
      .where(inArray(documentVersions.storageKey, documentKeys.slice(i, i + KEYS_PER_QUERY)));
    for (const row of rows) found.add(row.key);
    // A replacement joined and waiting for its signature-change confirmation (the upload's own sweep drops it).
    const waiting = await db.select({ key: chunkedUploads.storageKey }).from(chunkedUploads)
      .where(inArray(chunkedUploads.storageKey, documentKeys.slice(i, i + KEYS_PER_QUERY)));
    for (const row of waiting) found.add(row.key);
  }
  for (let i = 0; i < logoKeys.length; i += KEYS_PER_QUERY) {
    const rows = await db.select({ key: meetings.logoKey }).from(meetings).where(inArray(meetings.logoKey, logoKeys.slice(i, i + KEYS_PER_QUERY)));
    for (const row of rows) if (row.key) found.add(row.key);
  }
  for (let i = 0; i < renditionKeys.length; i += KEYS_PER_QUERY) {
    const rows = await db.select({ key: renditionPages.storageKey }).from(renditionPages).where(inArray(renditionPages.storageKey, renditionKeys.slice(i, i + KEYS_PER_QUERY)));
    for (const row of rows) found.add(row.key);
  }
  for (let i = 0; i < bookKeys.length; i += KEYS_PER_QUERY) {
    const rows = await db.select({ key: meetingBooks.storageKey }).from(meetingBooks).where(inArray(meetingBooks.storageKey, bookKeys.slice(i, i + KEYS_PER_QUERY)));
    for (const row of rows) found.add(row.key);
  }
  return found;
}

/** Human lines for logs and the CLI: a summary, then each key (at most `maxKeys`). */
export function describeSweep(result: SweepResult, maxKeys = 50): string[] {
  const verb = result.dryRun ? 'would remove' : 'removed';
  const lines = [
    `orphan sweep: ${verb} ${result.removed.length} object(s), ${formatBytes(result.bytes)}` +
      ` (${result.scanned} scanned, ${result.young} unreferenced kept inside the grace period)` +
      (result.abortedUploads.length ? `; ${result.dryRun ? 'would abort' : 'aborted'} ${result.abortedUploads.length} unfinished upload(s)` : ''),
  ];
  for (const object of result.removed.slice(0, maxKeys)) lines.push(`  ${object.key}  ${formatBytes(object.size)}  ${object.lastModified.toISOString()}`);
  if (result.removed.length > maxKeys) lines.push(`  … and ${result.removed.length - maxKeys} more`);
  for (const upload of result.abortedUploads.slice(0, maxKeys)) lines.push(`  upload ${upload.key} (started ${upload.initiated.toISOString()})`);
  return lines;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export interface SweepSchedule {
  stop(): void;
}

/**
 * Runs the sweep every `everyMs` on an unref'd timer (it never keeps the process
 * alive) and logs what it removed; a failure (store down) is logged and retried at
 * the next tick. Runs never overlap.
 */
export function scheduleOrphanSweep(
  db: Db,
  store: ObjectStore,
  options: { everyMs: number; graceMs?: number; log?: (line: string) => void; now?: () => number },
): SweepSchedule {
  const log = options.log ?? ((line: string) => console.log(line));
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const result = await sweepOrphans(db, store, { graceMs: options.graceMs, now: options.now?.() });
      if (result.removed.length || result.abortedUploads.length) for (const line of describeSweep(result, 20)) log(line);
    } catch (error) {
      log(`orphan sweep: failed, will retry in ${Math.round(options.everyMs / 60_000)} min: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  }, options.everyMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}

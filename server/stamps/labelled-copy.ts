import { PDFDocument } from 'pdf-lib';
import { embedSheetFonts } from '../print/fonts';
import { inProcessPdfWork, PdfWorkError, type PdfTask, type PdfWork } from '../ports/pdf-work';
import type { SheetFonts, SheetFontsLoader } from '../ports/sheet-fonts';
import { mayAlterBytes } from '../signatures/altered-copy-policy';
import type { SignatureStatus } from '../signatures/signature-report';
import type { ObjectStore } from '../storage/object-store';
import { drawStamp } from './margin-text';

/** Bumped when the stamp's look changes: every cached copy is made again. */
const STAMP_LAYOUT = 1;

/** The bytes to label: a document version's original, or a stored book. */
export interface StampSource {
  meetingId: string;
  storageKey: string;
  /** The source's own ETag (a version's or a book's): part of the cache key. */
  etag: string;
  contentType: string;
  /** null: not checked yet (treated as signed); a book is 'unsigned' (made here). */
  signatureStatus: SignatureStatus | null;
  /** 1-based pages never written on (a signed original's pages inside a book). */
  untouchedPages?: readonly number[];
}

export interface StampText {
  /** The code's label ("Bàn 12"); null for a code without one. */
  label: string | null;
  meetingTitle: string;
  timezone: string;
  /** The download's time (ms): its day in the meeting's timezone goes in the stamp. */
  at: number;
}

export type LabelledCopy =
  | { stamped: true; storageKey: string; size: number; etag: string }
  /**
   * Served as stored: 'signed' (or not checked yet), 'encrypted' (pdf-lib cannot rewrite it), 'broken', 'not_pdf',
   * 'failed' (the stamping's thread crashed, ran out of time or was busy: PdfWorkError).
   */
  | { stamped: false; reason: 'signed' | 'encrypted' | 'broken' | 'not_pdf' | 'failed' };

/** "01/12/2026" in the meeting's timezone. */
export const stampDay = (at: number, timezone: string) =>
  new Intl.DateTimeFormat('vi-VN', { timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(at));

/** The stamp's words: who the copy was given to, the meeting, the day (Vietnamese). */
export function stampParts(text: StampText): StampParts {
  return { label: `Bản cấp cho: ${text.label ?? 'mã chung'}`, meeting: text.meetingTitle, tail: ` · tải ngày ${stampDay(text.at, text.timezone)}` };
}

export interface StampParts {
  label: string;
  meeting: string;
  tail: string;
}

// Sources found unstampable, so an encrypted 40 MB PDF is not parsed again on every download (per process).
const unstampable = new Map<string, LabelledCopy>();
// Copies being made, by key: the tables that open the same book at 8:00 share one stamping.
const making = new Map<string, Promise<LabelledCopy>>();
/**
 * Stampings at once in this process. Each holds its PDF parsed in memory (several times the
 * file's size): fifty labels opening a 300-page book at the same minute must queue, not
 * multiply the server's memory by fifty.
 */
const MAX_STAMPING = 2;
let stamping = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  // A finished stamping hands its slot to the next in line (the count stays), so none slips in between.
  if (stamping >= MAX_STAMPING) await new Promise<void>((resolve) => waiting.push(resolve));
  else stamping++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else stamping--;
  }
}

/**
 * The labelled copy of a PDF for one code label and one day: made once, kept in the store
 * under `stamped/<meeting>/<hash>` (label, day, source ETag and layout in the hash), and
 * served from there afterwards. The stored original is never written. The stamp carries the
 * day only, not the time: a cached copy's time would be the time it was made, not the time
 * of this download, and a stamp must not state something false; one copy per label and day
 * keeps the cost at one stamping per label, version and day. A signed PDF (or one not checked
 * yet) is never stamped (altered-copy-policy.ts); an encrypted one cannot be rewritten and is
 * served as it is, listed in the console like signed ones.
 */
export async function labelledCopy(store: ObjectStore, loadFonts: SheetFontsLoader, source: StampSource, text: StampText, pdfWork: PdfWork = inProcessPdfWork): Promise<LabelledCopy> {
  if (source.contentType !== 'application/pdf') return { stamped: false, reason: 'not_pdf' };
  // The one rule: only a PDF whose check found no signature is written into.
  if (!mayAlterBytes(source.signatureStatus ?? undefined)) return { stamped: false, reason: 'signed' };
  const parts = stampParts(text);
  const hash = await hex(`${STAMP_LAYOUT}|${source.etag}|${parts.label}|${parts.meeting}|${parts.tail}|${(source.untouchedPages ?? []).join(',')}`);
  const key = `stamped/${source.meetingId}/${hash}`;
  const known = unstampable.get(key);
  if (known) return known;
  const cached = await store.head(key);
  if (cached) return { stamped: true, storageKey: key, size: cached.size, etag: `"s-${hash}"` };
  const pending = making.get(key);
  if (pending) return pending;
  const made = inTurn(() => makeCopy(store, loadFonts, pdfWork, source, parts, key, hash)).finally(() => making.delete(key));
  making.set(key, made);
  return made;
}

async function makeCopy(store: ObjectStore, loadFonts: SheetFontsLoader, pdfWork: PdfWork, source: StampSource, parts: StampParts, key: string, hash: string): Promise<LabelledCopy> {
  const object = await store.get(source.storageKey);
  if (!object) return { stamped: false, reason: 'broken' };
  // A copy of the stored bytes, read for this stamping only: handed over to the thread, the original is never written.
  const bytes = new Uint8Array(await new Response(object.body).arrayBuffer());
  let result: StampResult;
  try {
    result = await pdfWork.run(stampPdfTask, { bytes, parts, fonts: await loadFonts(), untouchedPages: source.untouchedPages ?? [] }, { handOver: [bytes], priority: 'delegate' });
  } catch (error) {
    if (!(error instanceof PdfWorkError)) throw error;
    // The delegate still gets the document, as stored (like a broken file). A full queue or a stop says nothing
    // about the file: try again at the next download. A crash or a timeout would happen again: remembered.
    if (error.reason === 'busy' || error.reason === 'closed') return { stamped: false, reason: 'failed' };
    result = { ok: false, reason: 'failed' };
  }
  if (!result.ok) {
    const refusal: LabelledCopy = { stamped: false, reason: result.reason };
    if (unstampable.size >= 1000) unstampable.clear(); // bounded: a day's labels of a few odd files
    unstampable.set(key, refusal);
    return refusal;
  }
  const meta = await store.put(key, new Blob([result.bytes as Uint8Array<ArrayBuffer>]).stream(), { contentType: 'application/pdf' });
  return { stamped: true, storageKey: key, size: meta.size, etag: `"s-${hash}"` };
}

type StampResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'encrypted' | 'broken' | 'failed' };

/** stampPdf as a PdfTask: the Node server runs it on a worker thread, a Worker in place. */
export const stampPdfTask: PdfTask<{ bytes: Uint8Array; parts: StampParts; fonts: SheetFonts; untouchedPages: readonly number[] }, StampResult> = {
  name: 'stamp-pdf',
  run: ({ bytes, parts, fonts, untouchedPages }) => stampPdf(bytes, parts, fonts, untouchedPages),
  outputBuffers: (result) => (result.ok ? [result.bytes] : []),
};

/** Writes the stamp at the bottom of every page but the untouched ones. */
export async function stampPdf(bytes: Uint8Array, parts: StampParts, fonts: SheetFonts, untouchedPages: readonly number[] = []): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'encrypted' | 'broken' }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
    if (doc.isEncrypted) return { ok: false, reason: 'encrypted' };
    doc.getPageCount();
  } catch {
    return { ok: false, reason: 'broken' };
  }
  const { regular } = await embedSheetFonts(doc, fonts);
  const skip = new Set(untouchedPages);
  doc.getPages().forEach((page, i) => {
    if (!skip.has(i + 1)) drawStamp(page, parts, regular);
  });
  return { ok: true, bytes: await doc.save({ useObjectStreams: true }) };
}

async function hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

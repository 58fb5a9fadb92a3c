import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database';
import { meetingBooks } from '../db/schema';
import { BUILD_BOOKS, queueBookBuilds } from '../delegate/queue-book-builds';
import { newId } from '../ids';
import { enqueueJob, pendingJobs } from '../jobs/enqueue-job';
import type { JobHandler } from '../jobs/job-handler';
import { inProcessPdfWork, type PdfWork } from '../ports/pdf-work';
import type { SheetFontsLoader } from '../ports/sheet-fonts';
import { RENDER_DOCUMENT } from '../reader/queue-rendition';
import { renditionRoute } from '../reader/rendition-plan';
import { CHECK_SIGNATURES } from '../signatures/check-document-signatures';
import type { ObjectStore } from '../storage/object-store';
import { bookInputsHash } from './book-inputs-hash';
import { bookScopes, loadBookInputs, type BookInputs } from './book-inputs';
import { compileBookTask, MAX_BOOK_PAGES, type CompileLimits } from './compile-book';

export interface BuildBooksPorts {
  store: ObjectStore;
  loadFonts: SheetFontsLoader;
  /** Where the compiling runs (Node: a worker thread, off the server's event loop); absent: in place. */
  pdfWork?: PdfWork;
  /** After a book of the meeting changed: drop its cached delegate pages (Node: the page cache; Workers: the meeting's object). */
  onBuilt?: (meetingId: string) => void | Promise<void>;
  limits?: CompileLimits;
  timeLimitMs?: number;
}

/** How long a build waits for its PDFs' signature checks and its Office files' renditions before going on without. */
const INPUTS_WAIT_MS = 10 * 60_000;
const RECHECK_MS = 5_000;

export const bookKeyFor = (meetingId: string) => `books/${meetingId}/${newId()}`;

/**
 * The 'build-books' job (subject: the meeting): for the whole meeting and each of its
 * sessions, loads what the book may contain now (the page's rules), hashes it, and
 * compiles and stores a new book only when the hash differs from the stored one's. Books
 * with nothing left to hold are removed. Replaced files stay in the store for the orphan
 * sweep (a delegate may be downloading one). Schedules itself again for the next release time.
 */
export function buildBooksJob(ports: BuildBooksPorts): JobHandler {
  const maxPages = ports.limits?.maxPages ?? MAX_BOOK_PAGES;
  return {
    timeLimitMs: ports.timeLimitMs ?? 10 * 60_000,
    run: async (job, { db, now, signal }) => {
      const payload = JSON.parse(job.payload) as { meetingId?: string; since?: number };
      const meetingId = payload.meetingId ?? job.subject;
      const since = payload.since ?? job.createdAt.getTime();
      const existing = new Map((await db.select().from(meetingBooks).where(eq(meetingBooks.meetingId, meetingId))).map((r) => [r.scope, r]));
      const scopes = await bookScopes(db, meetingId);
      const inputs: BookInputs[] = [];
      for (const scope of scopes) {
        const scoped = await loadBookInputs(db, meetingId, scope, now());
        if (scoped?.documents.length) inputs.push(scoped);
      }
      // The cover marks signed documents, signed pages get no page number, and an Office file's pages
      // come from its rendition's PDF: wait for those jobs while they are queued.
      if (now() - since < INPUTS_WAIT_MS && (await awaitsInputs(db, inputs))) {
        await enqueueJob(db, { kind: BUILD_BOOKS, subject: job.subject, payload: { meetingId, since }, runAfter: now() + RECHECK_MS }, now());
        return;
      }
      let changed = false;
      let fonts: Awaited<ReturnType<SheetFontsLoader>> | undefined;
      for (const scoped of inputs) {
        signal.throwIfAborted();
        const hash = await bookInputsHash(scoped, maxPages);
        const row = existing.get(scoped.scope);
        if (row && row.inputsHash === hash && (await ports.store.head(row.storageKey))) continue;
        fonts ??= await ports.loadFonts();
        // A failure of the thread (crash, time limit) throws: the queue retries the job as for any error.
        const book = await (ports.pdfWork ?? inProcessPdfWork).run(compileBookTask, { inputs: scoped, fonts, limits: ports.limits }, {
          readFile: (key) => readStored(ports.store, key), priority: 'background', signal,
        });
        signal.throwIfAborted();
        const key = bookKeyFor(meetingId);
        await ports.store.put(key, new Blob([book.bytes as Uint8Array<ArrayBuffer>]).stream(), { contentType: 'application/pdf', signal });
        const values = { inputsHash: hash, storageKey: key, pages: book.pages, bytes: book.bytes.length, manifest: JSON.stringify(book.manifest), builtAt: new Date(now()) };
        await db.insert(meetingBooks).values({ meetingId, scope: scoped.scope, ...values })
          .onConflictDoUpdate({ target: [meetingBooks.meetingId, meetingBooks.scope], set: values });
        changed = true;
      }
      const gone = [...existing.keys()].filter((scope) => !inputs.some((i) => i.scope === scope));
      if (gone.length) {
        await db.delete(meetingBooks).where(and(eq(meetingBooks.meetingId, meetingId), inArray(meetingBooks.scope, gone)));
        changed = true;
      }
      if (changed) await ports.onBuilt?.(meetingId);
      // A document released later changes what the books may hold: build again then.
      const next = inputs.reduce<number | null>((min, i) => (i.changesAt === null ? min : Math.min(min ?? Infinity, i.changesAt)), null);
      if (next !== null) await queueBookBuilds({ db, now }, [meetingId], next + 1000, '@release');
    },
  };
}

/** A queued signature check of a PDF, or a queued rendition of an Office file (its PDF joins the book). */
async function awaitsInputs(db: Db, inputs: BookInputs[]): Promise<boolean> {
  const documents = inputs.flatMap((i) => i.documents);
  const unchecked = new Set(documents.filter((d) => d.file.contentType === 'application/pdf' && d.signature === undefined).map((d) => d.id));
  for (const id of unchecked) if ((await pendingJobs(db, CHECK_SIGNATURES, id)).length) return true;
  const unrendered = new Set(documents.filter((d) => renditionRoute(d.file.contentType) === 'office' && !d.pdfRendition).map((d) => d.id));
  for (const id of unrendered) if ((await pendingJobs(db, RENDER_DOCUMENT, id)).length) return true;
  return false;
}

async function readStored(store: ObjectStore, key: string): Promise<Uint8Array | null> {
  const object = await store.get(key);
  if (!object) return null;
  return new Uint8Array(await new Response(object.body).arrayBuffer());
}

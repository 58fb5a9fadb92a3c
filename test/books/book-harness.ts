/** The delegate harness plus the job runner a server runs for books (and the signature checks books wait for). */
import { buildBooksJob } from '../../server/books/build-books-job';
import { BUILD_BOOKS } from '../../server/delegate/queue-book-builds';
import type { JobHandler } from '../../server/jobs/job-handler';
import { JobRunner } from '../../server/jobs/job-runner';
import { RENDER_DOCUMENT } from '../../server/reader/queue-rendition';
import { renderDocumentJob } from '../../server/reader/render-document-job';
import { nodeReaderPorts } from '../../server/runtime/node/reader/node-reader-ports';
import { nodeHash } from '../../server/runtime/node/node-hash';
import { PdfThreadPool } from '../../server/runtime/node/pdf-work/pdf-thread-pool';
import type { PdfWork } from '../../server/ports/pdf-work';
import { readSheetFonts } from '../../server/runtime/node/font-bytes';
import { CHECK_SIGNATURES } from '../../server/signatures/check-document-signatures';
import { checkSignaturesJob } from '../../server/signatures/check-signatures-job';
import { NO_TRUST_ANCHORS } from '../../server/signatures/trust-anchors';
import { makeDelegateApp, type Transport } from '../delegate/delegate-harness';

export async function makeBookApp(options: { transport?: Transport; maxPages?: number; reader?: boolean; pdfWork?: PdfWork } = {}) {
  const h = await makeDelegateApp(options);
  h.deps.signatures = { anchors: NO_TRUST_ANCHORS, hash: nodeHash };
  // Served by node:http as the Node entry serves: books and labelled copies made on worker threads too.
  const pool = options.transport === 'node' ? new PdfThreadPool({ log: () => {} }) : undefined;
  const pdfWork = options.pdfWork ?? pool;
  h.deps.pdfWork = pdfWork;
  // The phone renditions too when asked (poppler, LibreOffice): an Office file's pages reach the book through its rendition's PDF.
  const reader: Record<string, JobHandler> = options.reader ? { [RENDER_DOCUMENT]: renderDocumentJob(h.store, await nodeReaderPorts(() => {})) } : {};
  const handlers = {
    ...reader,
    [CHECK_SIGNATURES]: checkSignaturesJob({ store: h.store, signatures: h.deps.signatures, onChecked: () => h.deps.pageCache.clear() }),
    [BUILD_BOOKS]: buildBooksJob({ store: h.store, loadFonts: async () => readSheetFonts(), pdfWork, onBuilt: () => h.deps.pageCache.clear(), limits: { maxPages: options.maxPages } }),
  };
  /**
   * Runs every due job (signature checks, then the books) to the end. Jobs run only here, so a
   * test sees the state between an organizer's change and the rebuild (deps.jobs is unset:
   * nothing wakes a runner in between).
   */
  const settle = async () => {
    const runner = new JobRunner({ db: h.deps.db, now: h.deps.now }, handlers, { concurrency: 1, pollMs: 60_000, log: () => {} });
    await runner.start();
    await runner.idle();
    await runner.stop();
  };
  return { ...h, settle, pdfWork: pool, close: async () => { await pool?.close(); await h.close(); } };
}

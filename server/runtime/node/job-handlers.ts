import { buildBooksJob, type BuildBooksPorts } from '../../books/build-books-job';
import { BUILD_BOOKS } from '../../delegate/queue-book-builds';
import type { JobHandler } from '../../jobs/job-handler';
import { COUNT_PAGES, countPagesJob } from '../../documents/count-pages-job';
import { pdfinfoPageCounter } from './reader/pdfinfo-page-count';
import { RENDER_DOCUMENT } from '../../reader/queue-rendition';
import type { ReaderPorts } from '../../reader/reader-ports';
import { renderDocumentJob } from '../../reader/render-document-job';
import type { ObjectStore } from '../../storage/object-store';
import { CHECK_SIGNATURES, type SignaturePorts } from '../../signatures/check-document-signatures';
import { checkSignaturesJob } from '../../signatures/check-signatures-job';

/** The job kinds the Node server runs, by kind name. Add a kind here (see docs/reader.md). */
export function nodeJobHandlers(
  store: ObjectStore, reader: ReaderPorts, signatures?: { ports: SignaturePorts; onChecked?: () => void },
  books?: Omit<BuildBooksPorts, 'store'>,
): Record<string, JobHandler> {
  return {
    // Meeting books (docs/meeting-book.md): onBuilt drops the cached delegate pages that list them.
    ...(books ? { [BUILD_BOOKS]: buildBooksJob({ store, ...books }) } : {}),
    [RENDER_DOCUMENT]: renderDocumentJob(store, reader),
    // Page counts of PDFs for the report's paper figures (documents/count-pages-job.ts), by pdfinfo
    // in a child process: the server's event loop never parses a document.
    [COUNT_PAGES]: countPagesJob(pdfinfoPageCounter(store)),
    // Signed PDFs (docs/signatures.md): short, streamed; onChecked drops the cached delegate pages.
    ...(signatures ? { [CHECK_SIGNATURES]: checkSignaturesJob({ store, signatures: signatures.ports, onChecked: signatures.onChecked }) } : {}),
  };
}

import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentVersions, documents, renditionPages } from '../db/schema';
import { JobFailure, type JobHandler, type JobRow } from '../jobs/job-handler';
import type { ObjectStore } from '../storage/object-store';
import type { PageSink, ReaderPorts, RenderSource } from './reader-ports';
import { FILE_ROW_BASE, MAX_PAGES, PDF_FILE_ROW, renditionPrefix, renditionRoute } from './rendition-plan';
import { removeOlderRenditions, removeRendition, updateRendition, writeRendition } from './rendition-rows';
import { htmlText, splitHtml } from './split-html';

export interface RenderJobOptions {
  /** Pages rendered at most (default MAX_PAGES). */
  maxPages?: number;
  /** One run's time limit (default 10 minutes: 300 scanned pages on a busy core). */
  timeLimitMs?: number;
}

/** A Word document's HTML is cut into parts of about this many characters (≈ 8–10 KB compressed). */
const WORD_PART_CHARS = 32_000;

const bytesBody = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });

/**
 * The 'render-document' job: makes the phone rendition of one document version with
 * whatever renderers this runtime has, one file at a time into the store under the
 * version's own prefix, recording progress on the rendition row as it goes. A stale job
 * (deleted document, newer version) does nothing.
 */
export function renderDocumentJob(store: ObjectStore, ports: ReaderPorts, options: RenderJobOptions = {}): JobHandler {
  const maxPages = options.maxPages ?? MAX_PAGES;
  return {
    timeLimitMs: options.timeLimitMs ?? 10 * 60_000,
    run: async (job, { db, signal, now }) => {
      const target = await currentTarget(db, job);
      if (!target) return;
      const { documentId, version, file } = target;
      const route = renditionRoute(file.contentType);
      if (!route) return;
      const source: RenderSource = {
        size: file.size, contentType: file.contentType, filename: file.filename,
        open: async () => {
          const object = await store.get(file.storageKey);
          if (!object) throw new JobFailure('original_missing', file.storageKey);
          return object.body;
        },
      };
      // A rerun starts over: whatever an interrupted run stored is replaced.
      await removeRendition(db, store, documentId, version);
      const prefix = renditionPrefix(documentId, version);

      if (route === 'image') {
        if (!ports.images) return unavailable(db, documentId, version, 'no_renderer', now);
        const { width, height } = await ports.images.size(source, { signal });
        await writeRendition(db, documentId, version, { status: 'ready', format: 'image', width, height, pagesDone: 1, renderer: 'original' }, now());
      } else if (route === 'word' && ports.word) {
        await writeRendition(db, documentId, version, { status: 'working', format: 'html', renderer: ports.word.name }, now());
        const { html, images } = await ports.word.convert(source, { signal });
        let bytes = 0;
        const put = async (file: string, page: number, body: Uint8Array, contentType: string, text: string) => {
          signal.throwIfAborted();
          const key = prefix + file;
          await store.put(key, bytesBody(body), { contentType });
          await db.insert(renditionPages).values({ documentId, version, page, storageKey: key, contentType, width: 0, height: 0, bytes: body.length, text });
          bytes += body.length;
        };
        // `img-N.webp` in the HTML is the file `img-N` (row FILE_ROW_BASE + N).
        for (const [i, image] of images.entries()) await put(`img-${i + 1}`, FILE_ROW_BASE + i + 1, image.bytes, image.contentType, '');
        const parts = splitHtml(html, WORD_PART_CHARS);
        const encoder = new TextEncoder();
        for (const [i, part] of parts.entries()) await put(`part-${i + 1}`, i + 1, encoder.encode(part), 'text/html; charset=utf-8', htmlText(part));
        await updateRendition(db, documentId, version, { status: 'ready', pagesDone: parts.length, sourcePages: parts.length, bytes }, now());
      } else {
        // PDFs, other Office files, and .docx where no Word converter runs here.
        const renderer = route === 'pdf' ? ports.pages : ports.office;
        if (!renderer) return unavailable(db, documentId, version, route === 'pdf' ? 'no_renderer' : 'no_libreoffice', now);
        await writeRendition(db, documentId, version, { status: 'working', format: 'pages', renderer: renderer.name }, now());
        let bytes = 0;
        const sink: PageSink = {
          count: async (sourcePages, rendering) => updateRendition(db, documentId, version, { sourcePages, capped: rendering < sourcePages }, now()),
          page: async (page) => {
            signal.throwIfAborted();
            const key = `${prefix}p${page.page}`; // stores take no dots in keys; the type is on the row
            await store.put(key, bytesBody(page.bytes), { contentType: page.contentType });
            await db.insert(renditionPages).values({
              documentId, version, page: page.page, storageKey: key, contentType: page.contentType,
              width: page.width, height: page.height, bytes: page.bytes.length, text: page.text.normalize('NFC'),
            });
            bytes += page.bytes.length;
            await updateRendition(db, documentId, version, { pagesDone: page.page, bytes }, now());
          },
          // Office files only (a PDF's own bytes are the original): the meeting book's source for its pages.
          ...(route === 'office' && {
            pdf: async (pdf: Uint8Array) => {
              signal.throwIfAborted();
              const key = `${prefix}pdf`;
              await store.put(key, bytesBody(pdf), { contentType: 'application/pdf' });
              await db.insert(renditionPages).values({ documentId, version, page: PDF_FILE_ROW, storageKey: key, contentType: 'application/pdf', width: 0, height: 0, bytes: pdf.length, text: '' });
            },
          }),
        };
        if (route === 'pdf') await ports.pages!.renderPdf(source, sink, { maxPages, signal });
        else await ports.office!.renderOffice(source, sink, { maxPages, signal });
        await updateRendition(db, documentId, version, { status: 'ready' }, now());
      }
      await removeOlderRenditions(db, store, documentId, version);
    },
    onFailed: async (job, failure, { db, now }) => {
      const target = await currentTarget(db, job);
      if (!target) return;
      // Partial pages go; the row keeps the reason for the console, and delegates get the original.
      await removeRendition(db, store, target.documentId, target.version);
      await writeRendition(db, target.documentId, target.version, { status: 'failed', error: failure.code, errorDetail: failure.message.slice(0, 500) }, now());
      await removeOlderRenditions(db, store, target.documentId, target.version);
    },
  };
}

async function unavailable(db: Db, documentId: string, version: number, reason: string, now: () => number) {
  await writeRendition(db, documentId, version, { status: 'unavailable', error: reason }, now());
}

/** The job's document version, if it is still the current one. */
async function currentTarget(db: Db, job: JobRow) {
  const version = Number((JSON.parse(job.payload) as { version?: unknown }).version);
  const [row] = await db.select({
    current: documents.currentVersion, storageKey: documentVersions.storageKey, filename: documentVersions.filename,
    contentType: documentVersions.contentType, size: documentVersions.size,
  }).from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, version)))
    .where(eq(documents.id, job.subject));
  if (!row || row.current !== version) return null;
  return { documentId: job.subject, version, file: row };
}

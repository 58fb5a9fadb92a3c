import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { clientRenderers } from '../../shared/rendition-api';
import type { Db } from '../db/database';
import { documentVersions, documents, jobs, renditionPages, renditions } from '../db/schema';
import { DomainError, notFound } from '../domain-error';
import type { ObjectStore } from '../storage/object-store';
import { checkPageImage, PAGE_IMAGE_LIMITS, type PageImageProblem } from './page-image';
import { pdfPageCount } from './pdf-page-count';
import { RENDER_DOCUMENT } from './queue-rendition';
import { FILE_ROW_BASE, MAX_PAGES, renditionPrefix, renditionRoute, type RenditionRoute } from './rendition-plan';
import { loadRendition, removeOlderRenditions, removeRendition, updateRendition, writeRendition, type RenditionRow } from './rendition-rows';

/** What this runtime's server renders itself (the rest may be rendered by a client and uploaded). */
export interface ServerRenders {
  pdf: boolean;
  office: boolean;
  word: boolean;
}

export interface ClientRenditionDeps {
  db: Db;
  store: ObjectStore;
  now: () => number;
  renders: ServerRenders;
  /** Largest PDF whose page count the server reads itself (pdf-lib holds it whole in memory). */
  pdfCountMaxBytes: number;
}

/** Who may make a rendition through the API: the console's PDF.js, and `qrhop renditions build`. */
export const CLIENT_RENDERERS = clientRenderers;
export type ClientRenderer = (typeof clientRenderers)[number];
const isClientRenderer = (name: string | null | undefined) => (CLIENT_RENDERERS as readonly string[]).includes(name ?? '');

/** Bytes of page images per document: 300 pages of ~300 KB scans. */
export const MAX_RENDITION_BYTES = 100 * 1024 * 1024;
/** Characters of text per page: a dense A4 page has ~5,000. */
export const MAX_PAGE_TEXT = 50_000;

/** A document's current version as the rendition API sees it. */
async function currentVersion(db: Db, documentId: string, version: number) {
  const [row] = await db.select({
    current: documents.currentVersion, storageKey: documentVersions.storageKey, filename: documentVersions.filename,
    contentType: documentVersions.contentType, size: documentVersions.size,
  }).from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, version)))
    .where(eq(documents.id, documentId));
  if (!row) throw notFound('No such version of this document');
  // A client rendering an old version is a client that missed a replace: its pages would never be shown.
  if (row.current !== version) throw new DomainError('not_current_version', `Version ${version} is no longer this document's current version (${row.current})`, { current: row.current });
  return row;
}

/** May a client build this rendition? Only where the server does not (or could not) make it itself. */
function clientMayBuild(route: RenditionRoute | null, row: RenditionRow | null, renders: ServerRenders): boolean {
  if (route !== 'pdf' && route !== 'office') return false;
  if (!renders[route]) return true;
  return row?.status === 'failed' || row?.status === 'unavailable' || isClientRenderer(row?.renderer);
}

export type RenditionOverview = Awaited<ReturnType<typeof renditionOverview>>[number];

/** Every current document version of a meeting with its rendition's state, and whether a client may build it. */
export async function renditionOverview(db: Db, meetingId: string, renders: ServerRenders) {
  const rows = await db.select({
    documentId: documents.id, title: documents.title, version: documents.currentVersion,
    filename: documentVersions.filename, contentType: documentVersions.contentType, size: documentVersions.size,
    rendition: renditions,
  }).from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .leftJoin(renditions, and(eq(renditions.documentId, documents.id), eq(renditions.version, documents.currentVersion)))
    .where(eq(documents.meetingId, meetingId))
    .orderBy(asc(documents.createdAt), asc(documents.id));
  return rows.map(({ rendition, ...doc }) => {
    const route = renditionRoute(doc.contentType);
    return {
      ...doc,
      route,
      status: rendition?.status ?? null,
      renderer: rendition?.renderer ?? null,
      error: rendition?.error ?? null,
      pagesDone: rendition?.pagesDone ?? 0,
      sourcePages: rendition?.sourcePages ?? null,
      capped: rendition?.capped ?? false,
      updatedAt: rendition ? rendition.updatedAt.toISOString() : null,
      clientMayBuild: clientMayBuild(route, rendition, renders),
    };
  });
}

/** The stored original of a version a client is about to render (current versions only). */
export async function renditionSource(deps: Pick<ClientRenditionDeps, 'db' | 'store'>, documentId: string, version: number) {
  const file = await currentVersion(deps.db, documentId, version);
  const object = await deps.store.get(file.storageKey);
  if (!object) throw notFound('The original file is missing from the store');
  return { file, object };
}

/**
 * Starts (or restarts) a rendition made by a client: the client says how many pages it
 * will upload; for a PDF the server checks that against the page count it reads itself.
 * Whatever an earlier run stored for this version goes, and a rendition job still queued
 * for the document is superseded (it would wipe the client's pages when it ran).
 */
export async function startClientRendition(deps: ClientRenditionDeps, documentId: string, version: number, request: { pages: number; renderer: ClientRenderer }) {
  const { db, store, now } = deps;
  const file = await currentVersion(db, documentId, version);
  const route = renditionRoute(file.contentType);
  const existing = await loadRendition(db, documentId, version);
  if (route !== 'pdf' && route !== 'office') {
    throw new DomainError('not_page_document', 'Only PDFs and Office files are read as page images; this server makes the reader of this document itself');
  }
  if (!clientMayBuild(route, existing, deps.renders)) {
    throw new DomainError('server_renders', 'This server makes the reader of this document itself');
  }
  // The server's own count when it can read it. Otherwise (a PDF over the parse cap, an Office
  // file) the client's count is taken, capped: a wrong count only harms the reader of a
  // document the same organizer uploaded, and every page is still checked one by one.
  const counted = route === 'pdf' ? await pdfPageCount(store, file.storageKey, file.size, deps.pdfCountMaxBytes) : null;
  if (counted !== null && counted !== request.pages) {
    throw new DomainError('page_count_mismatch', `The PDF has ${counted} pages, not ${request.pages}`, { pages: counted });
  }
  const sourcePages = counted ?? request.pages;
  const expected = Math.min(sourcePages, MAX_PAGES);
  await db.update(jobs).set({ status: 'superseded', finishedAt: new Date(now()) })
    .where(and(eq(jobs.kind, RENDER_DOCUMENT), eq(jobs.subject, documentId), eq(jobs.status, 'queued')));
  await removeRendition(db, store, documentId, version);
  await writeRendition(db, documentId, version, { status: 'working', format: 'pages', renderer: request.renderer, sourcePages, capped: expected < sourcePages }, now());
  return { expected, sourcePages, capped: expected < sourcePages, pageCountFrom: counted !== null ? 'server' : 'client' as const, limits: PAGE_IMAGE_LIMITS };
}

const PROBLEM: Record<PageImageProblem['code'], (page: number, p: PageImageProblem) => DomainError> = {
  not_an_image: (page) => new DomainError('not_an_image', `Page ${page} is not a WebP, PNG or JPEG image (its first bytes say otherwise)`),
  page_too_large: (page, p) => new DomainError('page_too_large', `Page ${page} is ${'bytes' in p ? p.bytes : '?'} bytes; a page image may have at most ${PAGE_IMAGE_LIMITS.maxBytes}`, { limit: PAGE_IMAGE_LIMITS.maxBytes }),
  page_dimensions: (page, p) => new DomainError('page_dimensions', `Page ${page} is ${'width' in p ? `${p.width}×${p.height}` : '?'} px; pages must be ${PAGE_IMAGE_LIMITS.minWidth}–${PAGE_IMAGE_LIMITS.maxWidth} px wide and at most ${PAGE_IMAGE_LIMITS.maxHeight} px high`),
  image_unreadable: (page) => new DomainError('image_unreadable', `Page ${page}'s image header cannot be read`),
};

/**
 * Stores one page of a client-made rendition after checking it: the rendition was
 * started by a client, the page is within the expected count, the bytes are a WebP, PNG
 * or JPEG within the limits, the document stays under its byte cap. Sending a page again
 * replaces it (a retried upload). The rendition is ready once every page is in.
 */
export async function putClientPage(deps: ClientRenditionDeps, documentId: string, version: number, page: number, image: Uint8Array, text: string) {
  const { db, store, now } = deps;
  await currentVersion(db, documentId, version);
  const row = await loadRendition(db, documentId, version);
  if (!row || !isClientRenderer(row.renderer) || (row.status !== 'working' && row.status !== 'ready')) {
    throw new DomainError('no_client_rendition', 'Start the rendition first (POST …/rendition with the page count)');
  }
  const expected = Math.min(row.sourcePages ?? 0, MAX_PAGES);
  if (!Number.isInteger(page) || page < 1 || page > expected) {
    throw new DomainError('page_out_of_range', `Page ${page} is outside this document's ${expected} page(s)`, { expected });
  }
  const checked = checkPageImage(image);
  if (!checked.ok) throw PROBLEM[checked.problem.code](page, checked.problem);
  if (text.length > MAX_PAGE_TEXT) throw new DomainError('text_too_long', `Page ${page}'s text is longer than ${MAX_PAGE_TEXT} characters`);

  const pagesOf = and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version), lt(renditionPages.page, FILE_ROW_BASE));
  const previous = (await db.select({ key: renditionPages.storageKey, bytes: renditionPages.bytes }).from(renditionPages)
    .where(and(pagesOf, eq(renditionPages.page, page))))[0];
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`coalesce(sum(${renditionPages.bytes}), 0)` }).from(renditionPages).where(pagesOf);
  if (Number(total) - (previous?.bytes ?? 0) + image.length > MAX_RENDITION_BYTES) {
    throw new DomainError('rendition_too_large', `The page images of one document may take at most ${MAX_RENDITION_BYTES / 1048576} MB`, { limit: MAX_RENDITION_BYTES });
  }

  const key = `${renditionPrefix(documentId, version)}p${page}`; // as the server's renderers name pages; the type is on the row
  await store.put(key, new ReadableStream<Uint8Array>({ start(c) { c.enqueue(image); c.close(); } }), { contentType: checked.type });
  const values = { storageKey: key, contentType: checked.type, width: checked.width, height: checked.height, bytes: image.length, text: text.normalize('NFC') };
  await db.insert(renditionPages).values({ documentId, version, page, ...values })
    .onConflictDoUpdate({ target: [renditionPages.documentId, renditionPages.version, renditionPages.page], set: values });
  if (previous && previous.key !== key) await store.delete(previous.key).catch(() => {}); // else an orphan for the sweep

  const [counts] = await db.select({ pages: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${renditionPages.bytes}), 0)` }).from(renditionPages).where(pagesOf);
  const pagesDone = Number(counts?.pages ?? 0);
  const ready = pagesDone >= expected;
  await updateRendition(db, documentId, version, { pagesDone, bytes: Number(counts?.bytes ?? 0), ...(ready && { status: 'ready' as const }) }, now());
  // A new version's rendition replaces the old one once it is complete.
  if (ready) await removeOlderRenditions(db, store, documentId, version);
  return { page, pagesDone, expected, status: ready ? 'ready' : 'working' };
}

/** The rendition row of a version, for a client polling its progress. */
export async function clientRenditionState(deps: Pick<ClientRenditionDeps, 'db' | 'renders'>, documentId: string, version: number) {
  const file = await currentVersion(deps.db, documentId, version);
  const row = await loadRendition(deps.db, documentId, version);
  return { rendition: row, clientMayBuild: clientMayBuild(renditionRoute(file.contentType), row, deps.renders) };
}

import { and, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { renditionPages, renditions } from '../db/schema';
import type { ObjectStore } from '../storage/object-store';
import { FILE_ROW_BASE } from './rendition-plan';

export type RenditionRow = typeof renditions.$inferSelect;
export type RenditionPageRow = typeof renditionPages.$inferSelect;

/** Creates or resets a version's rendition row (a rerun starts over: its keys are overwritten). */
export async function writeRendition(db: Db, documentId: string, version: number, set: Partial<Omit<RenditionRow, 'documentId' | 'version'>> & { status: RenditionRow['status'] }, now: number) {
  const values = { pagesDone: 0, sourcePages: null, capped: false, width: null, height: null, bytes: 0, error: null, errorDetail: null, renderer: null, format: null, ...set, updatedAt: new Date(now) };
  await db.insert(renditions).values({ documentId, version, ...values })
    .onConflictDoUpdate({ target: [renditions.documentId, renditions.version], set: values });
}

export async function updateRendition(db: Db, documentId: string, version: number, set: Partial<Omit<RenditionRow, 'documentId' | 'version'>>, now: number) {
  await db.update(renditions).set({ ...set, updatedAt: new Date(now) }).where(and(eq(renditions.documentId, documentId), eq(renditions.version, version)));
}

export async function loadRendition(db: Db, documentId: string, version: number): Promise<RenditionRow | null> {
  const [row] = await db.select().from(renditions).where(and(eq(renditions.documentId, documentId), eq(renditions.version, version)));
  return row ?? null;
}

const pagesOf = (documentId: string, version: number) =>
  and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version), lt(renditionPages.page, FILE_ROW_BASE));

/** Page sizes in order (no text: the reader page does not need it). */
export async function loadPageSizes(db: Db, documentId: string, version: number) {
  return db.select({ page: renditionPages.page, width: renditionPages.width, height: renditionPages.height })
    .from(renditionPages).where(pagesOf(documentId, version)).orderBy(renditionPages.page);
}

export async function loadPageTexts(db: Db, documentId: string, version: number) {
  return db.select({ page: renditionPages.page, text: renditionPages.text }).from(renditionPages).where(pagesOf(documentId, version)).orderBy(renditionPages.page);
}

/** A stored Word image's row by its file number (img-N). */
export async function loadWordImage(db: Db, documentId: string, version: number, n: number) {
  return loadPage(db, documentId, version, FILE_ROW_BASE + n);
}

/** Keys of every rendition file of a document, all versions (when the document is deleted). */
export async function allRenditionKeys(db: Db, documentId: string): Promise<string[]> {
  const rows = await db.select({ key: renditionPages.storageKey }).from(renditionPages).where(eq(renditionPages.documentId, documentId));
  return rows.map((r) => r.key);
}

/** Keys of every file of a rendition (pages, parts, images). */
export async function renditionKeys(db: Db, documentId: string, version: number): Promise<string[]> {
  const rows = await db.select({ key: renditionPages.storageKey }).from(renditionPages)
    .where(and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version), gte(renditionPages.page, 1)));
  return rows.map((r) => r.key);
}

export async function loadPage(db: Db, documentId: string, version: number, page: number): Promise<RenditionPageRow | null> {
  const [row] = await db.select().from(renditionPages)
    .where(and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version), eq(renditionPages.page, page)));
  return row ?? null;
}

/** Every stored file of a version's rendition, then its rows (objects first is fine: the rows go too). */
export async function removeRendition(db: Db, store: ObjectStore, documentId: string, version: number) {
  const keys = await renditionKeys(db, documentId, version);
  await db.delete(renditionPages).where(and(eq(renditionPages.documentId, documentId), eq(renditionPages.version, version)));
  await db.delete(renditions).where(and(eq(renditions.documentId, documentId), eq(renditions.version, version)));
  await removeObjects(store, keys);
}

/** Renditions of versions before `version`: a new version's rendition replaces the old one. */
export async function removeOlderRenditions(db: Db, store: ObjectStore, documentId: string, version: number) {
  const older = await db.select({ version: renditions.version }).from(renditions).where(and(eq(renditions.documentId, documentId), lt(renditions.version, version)));
  for (const row of older) await removeRendition(db, store, documentId, row.version);
}

async function removeObjects(store: ObjectStore, keys: string[]) {
  // Best effort: what fails is an orphan for the sweep (no row points at it any more).
  await Promise.allSettled([...new Set(keys)].map((key) => store.delete(key)));
}

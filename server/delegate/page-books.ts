import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { meetingBooks } from '../db/schema';
import type { PageModel, PageSession } from './page-model';

/** The meeting-wide book's scope (a session's book has the session id). Same value as books/book-inputs.ts. */
export const MEETING_BOOK = '';

/** A stored book as the page and the book route see it (built by server/books/, read here from its row). */
export interface PageBook {
  scope: string;
  /** Quoted: the inputs hash (changes exactly when the agenda or a document version does). */
  etag: string;
  storageKey: string;
  pages: number;
  bytes: number;
  /** Documents inside the file, with their versions. */
  inside: { id: string; version: number }[];
  /** Pages of documents inside whose original is signed (not stamped: altered-copy-policy.ts), 1-based. */
  untouchedPages: number[];
  /** What the page listed when the book was made (inside or named on the cover as left out). */
  considered: { id: string; version: number }[];
}

interface StoredManifest {
  documents: { id: string; version: number; firstPage: number; pages: number; signed: boolean }[];
  considered: { id: string; version: number }[];
}

export async function loadPageBooks(db: Db, meetingId: string): Promise<PageBook[]> {
  const rows = await db.select().from(meetingBooks).where(eq(meetingBooks.meetingId, meetingId));
  return rows.map((r) => {
    const manifest = JSON.parse(r.manifest) as StoredManifest;
    return {
      scope: r.scope, etag: `"b-${r.inputsHash}"`, storageKey: r.storageKey, pages: r.pages, bytes: r.bytes,
      inside: manifest.documents.map(({ id, version }) => ({ id, version })),
      untouchedPages: manifest.documents.filter((d) => d.signed).flatMap((d) => Array.from({ length: d.pages }, (_, i) => d.firstPage + i)),
      considered: manifest.considered,
    };
  });
}

/**
 * What a viewer gets for a book, by the page's rules right now:
 * - 'current': the stored book was made from exactly what the page lists;
 * - 'older': a rebuild is due (a document was added or the list changed) but everything in
 *   the stored file is still listed, in the same version, for this viewer: it is served,
 *   and the page says it is being updated;
 * - 'building': no book yet, or the stored one holds something this viewer may no longer
 *   see (a document withdrawn, made confidential, replaced by a new version): never served;
 * - 'locked': a PIN session without this device's grant; 'none': nothing to compile.
 */
export type BookState = { kind: 'current' | 'older'; book: PageBook } | { kind: 'building' } | { kind: 'locked' } | { kind: 'none' };

export function bookStateFor(model: PageModel, scope: string, granted: ReadonlySet<string>): BookState {
  if (model.state !== 'list') return { kind: 'none' };
  let sessions: PageSession[];
  if (scope === MEETING_BOOK) {
    // Only a meeting code's page has the meeting-wide book; it never holds a PIN session's documents.
    if (model.codeSessionId !== null) return { kind: 'none' };
    sessions = model.sessions.filter((s) => !s.pinHash);
  } else {
    const session = model.sessions.find((s) => s.id === scope);
    if (!session) return { kind: 'none' };
    // A PIN session's book is its documents in one file: the same grant as for each of them.
    if (session.pinHash && !granted.has(session.id)) return { kind: 'locked' };
    sessions = [session];
  }
  const seen = new Set<string>();
  const listed = sessions.flatMap((s) => s.documents).filter((d) => !seen.has(d.id) && seen.add(d.id)).map((d) => ({ id: d.id, version: d.file.version }));
  if (listed.length === 0) return { kind: 'none' };
  const book = model.books?.find((b) => b.scope === scope);
  if (!book) return { kind: 'building' };
  const allowed = new Map(listed.map((d) => [d.id, d.version]));
  // Security: a book is served only if every document inside is one this viewer may see now, in that version.
  if (!book.inside.every((d) => allowed.get(d.id) === d.version)) return { kind: 'building' };
  const same = book.considered.length === listed.length && book.considered.every((d, i) => d.id === listed[i]!.id && d.version === listed[i]!.version);
  return { kind: same ? 'current' : 'older', book };
}

import type { BookInputs } from './book-inputs';

/** Bumped when the book's layout changes, so every book is rebuilt once with the new layout. */
export const BOOK_LAYOUT = 1;

/**
 * The book's identity: a hash of everything it is made from — the meeting's and sessions'
 * titles, times and rooms, the documents in agenda order with their titles, versions (the
 * stored file's etag), signature status (the cover marks signed documents) and an Office file's
 * PDF rendition once made (its pages join the book then). It is the
 * book's ETag: it changes exactly when the agenda or a document version changes, and an
 * unchanged hash means the job has nothing to rebuild. Not in it: the build time, code
 * labels, PINs (who may open the book is decided when serving, not baked in).
 */
export async function bookInputsHash(inputs: BookInputs, maxPages: number): Promise<string> {
  const canonical = JSON.stringify([
    BOOK_LAYOUT, maxPages, inputs.scope,
    inputs.meeting,
    inputs.sessions.map((s) => [s.id, s.title, s.startsAt?.getTime() ?? null, s.endsAt?.getTime() ?? null, s.room]),
    inputs.documents.map((d) => [d.id, d.title, d.sessionId, d.file.version, d.file.etag, d.signature ?? null, d.pdfRendition?.storageKey ?? null]),
    inputs.pinSessionsLeftOut,
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}

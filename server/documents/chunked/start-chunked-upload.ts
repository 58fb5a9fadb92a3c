import type { SessionUser } from '../../auth/login-sessions';
import { chunkedUploads } from '../../db/schema';
import { invalid } from '../../domain-error';
import { newId } from '../../ids';
import { UploadRefused, tooLarge } from '../receive-file';
import { checkSession, cleanFilename, storageKeyFor, type UploadDeps } from '../upload-documents';
import { MAX_PARTS, PART_BYTES } from './chunked-upload-rules';
import type { ChunkedUploadRow } from './load-chunked-upload';

/**
 * Starts a chunked upload of a new document of the meeting, or of a new file for its document
 * `replaces` (its next version, made on completion): checks the declared size against the
 * upload limit and the session, and records the upload. Nothing is written to the store yet:
 * the store's multipart upload starts with part 1, once the file's type is known.
 */
export async function startChunkedUpload(
  deps: UploadDeps,
  meetingId: string,
  user: SessionUser,
  request: { filename: string; size: number; sessionId?: string | null },
  replaces?: { id: string; currentVersion: number },
): Promise<ChunkedUploadRow> {
  const filename = cleanFilename(request.filename);
  if (request.size === 0) throw new UploadRefused('empty_file', `"${filename}" is empty`);
  // Refused before a byte is sent: the declared size is what every part is checked against.
  if (request.size > deps.maxUploadBytes) throw tooLarge(filename, deps.maxUploadBytes);
  if (Math.ceil(request.size / PART_BYTES) > MAX_PARTS) throw tooLarge(filename, PART_BYTES * MAX_PARTS);
  // A replacement keeps the document's own links: it is attached to no session.
  const sessionId = (!replaces && request.sessionId) || null;
  if (sessionId) await checkSession(deps.db, meetingId, sessionId);
  if (request.size < 0 || !Number.isSafeInteger(request.size)) throw invalid('size: a whole number of bytes', { field: 'size' });
  const documentId = replaces?.id ?? newId();
  const at = new Date(deps.now());
  const [row] = await deps.db.insert(chunkedUploads).values({
    id: newId(), meetingId, userId: user.id, documentId, storageKey: storageKeyFor(meetingId, documentId),
    filename, size: request.size, partSize: PART_BYTES, sessionId, replacesVersion: replaces?.currentVersion ?? null, createdAt: at, touchedAt: at,
  }).returning();
  return row!;
}

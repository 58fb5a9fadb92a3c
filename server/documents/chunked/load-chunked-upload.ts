import { and, asc, eq } from 'drizzle-orm';
import type { ChunkedUploadView } from '../../../shared/api-contract';
import type { SessionUser } from '../../auth/login-sessions';
import type { Db } from '../../db/database';
import { chunkedUploadParts, chunkedUploads, documents, meetingMembers } from '../../db/schema';
import { DomainError, notFound } from '../../domain-error';
import type { ObjectStore } from '../../storage/object-store';
import { abortChunkedUpload } from './abort-chunked-upload';
import { partCountOf } from './chunked-upload-rules';

export type ChunkedUploadRow = typeof chunkedUploads.$inferSelect;

/**
 * A chunked upload this user started, while they may still manage its meeting. Parts and
 * status reads change nothing delegates see, so unlike authorizeMeeting this does not name
 * the meeting for the change announcement (completion goes through authorizeMeeting).
 */
export async function authorizeChunkedUpload(db: Db, user: SessionUser, uploadId: string): Promise<ChunkedUploadRow> {
  const [upload] = await db.select().from(chunkedUploads).where(eq(chunkedUploads.id, uploadId));
  // Another organizer's upload is as missing as an unknown id: ids cannot be probed, nor parts mixed into someone else's file.
  if (!upload || upload.userId !== user.id) throw notFound('Upload not found');
  if (user.role !== 'admin') {
    // Removed from the meeting since the upload started: no more parts into its documents.
    const [member] = await db.select({ userId: meetingMembers.userId }).from(meetingMembers)
      .where(and(eq(meetingMembers.meetingId, upload.meetingId), eq(meetingMembers.userId, user.id)));
    if (!member) throw notFound('Upload not found');
  }
  return upload;
}

/**
 * The document a replacement upload is for, still in the upload's meeting. Deleted since the
 * upload started: the upload is dropped (parts freed, rows gone) and refused with
 * `document_gone`, so no part is stored for nothing and no version of nothing is ever made.
 */
export async function replacedDocument(deps: { db: Db; store: ObjectStore }, upload: ChunkedUploadRow) {
  const [doc] = await deps.db.select().from(documents)
    .where(and(eq(documents.id, upload.documentId), eq(documents.meetingId, upload.meetingId)));
  if (doc) return doc;
  await abortChunkedUpload(deps, upload);
  throw documentGone(upload);
}

export const documentGone = (upload: Pick<ChunkedUploadRow, 'filename' | 'documentId'>) =>
  new DomainError('document_gone', `The document "${upload.filename}" was meant to replace has been deleted: the upload is dropped`, { documentId: upload.documentId });

export async function receivedParts(db: Db, uploadId: string): Promise<{ partNumber: number; size: number; etag: string }[]> {
  return db.select({ partNumber: chunkedUploadParts.partNumber, size: chunkedUploadParts.size, etag: chunkedUploadParts.etag })
    .from(chunkedUploadParts).where(eq(chunkedUploadParts.uploadId, uploadId)).orderBy(asc(chunkedUploadParts.partNumber));
}

export async function chunkedUploadView(db: Db, upload: ChunkedUploadRow): Promise<ChunkedUploadView> {
  return {
    id: upload.id,
    meetingId: upload.meetingId,
    documentId: upload.documentId,
    replacesVersion: upload.replacesVersion,
    filename: upload.filename,
    size: upload.size,
    partSize: upload.partSize,
    partCount: partCountOf(upload.size, upload.partSize),
    receivedParts: (await receivedParts(db, upload.id)).map((p) => p.partNumber),
    createdAt: upload.createdAt.toISOString(),
  };
}

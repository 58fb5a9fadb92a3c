import { eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { documents, sessionDocuments } from '../db/schema';
import { confidentialRefusal } from '../documents/change-document';
import { invalid } from '../domain-error';

/** Replaces a session's document list (attach, detach and order in one call). */
export async function setSessionDocuments(db: Db, user: SessionUser, meeting: { id: string; status: string }, sessionId: string, documentIds: string[], now: number) {
  const unique = [...new Set(documentIds)];
  // The meeting's documents, filtered here: one bound parameter whatever the list's length (D1 binds at most 100).
  const wanted = new Set(unique);
  const rows = unique.length
    ? (await db.select({ id: documents.id, title: documents.title, confidential: documents.confidential }).from(documents)
        .where(eq(documents.meetingId, meeting.id))).filter((r) => wanted.has(r.id))
    : [];
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw invalid(`documentIds: not documents of this meeting: ${missing.join(', ')}`, { field: 'documentIds' });
  const secret = rows.find((r) => r.confidential);
  if (secret && meeting.status === 'published') throw confidentialRefusal(secret.title);
  await runBatch(db, [
    db.delete(sessionDocuments).where(eq(sessionDocuments.sessionId, sessionId)),
    ...unique.map((documentId, position) => db.insert(sessionDocuments).values({ sessionId, documentId, position })),
    auditStatement(db, { userId: user.id, meetingId: meeting.id, action: 'session.documents', target: sessionId, detail: { documentIds: unique } }, now),
  ]);
}

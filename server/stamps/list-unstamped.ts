import { and, asc, eq } from 'drizzle-orm';
import type { UnstampedReason } from '../../shared/api-contract';
import type { Db } from '../db/database';
import { documentSignatures, documentVersions, documents, renditions, sessionDocuments, sessions } from '../db/schema';
import { mayAlterBytes } from '../signatures/altered-copy-policy';
import type { SignatureStatus } from '../signatures/signature-report';
import type { ObjectStore } from '../storage/object-store';

/** Bytes read from a PDF's end: its trailer (or its xref stream's dictionary) names /Encrypt there. */
const TAIL_BYTES = 4096;

/** Whether the PDF's last trailer asks for decryption (a range read of its tail; no parsing of the whole file). */
async function encryptedTrailer(store: ObjectStore, key: string, size: number): Promise<boolean> {
  const object = await store.get(key, { start: Math.max(0, size - TAIL_BYTES), end: size - 1 });
  if (!object) return false;
  const tail = new TextDecoder('latin1').decode(await new Response(object.body).arrayBuffer());
  return /\/Encrypt\s+\d+\s+\d+\s+R/.test(tail);
}

/**
 * The meeting's PDFs (on the agenda) that delegates get without the labelled copy's stamp,
 * and why: signed (the one rule, altered-copy-policy.ts), not checked yet (treated as signed
 * until the check says otherwise), or encrypted (the reader's render found a password: a
 * stamp cannot be written into it). The console lists them under the setting.
 */
export async function listUnstamped(db: Db, store: ObjectStore, meetingId: string): Promise<{ documentId: string; title: string; reason: UnstampedReason }[]> {
  const rows = await db
    .selectDistinct({ id: documents.id, title: documents.title, storageKey: documentVersions.storageKey, size: documentVersions.size, signature: documentSignatures.status, renderError: renditions.error })
    .from(sessionDocuments)
    .innerJoin(sessions, eq(sessions.id, sessionDocuments.sessionId))
    .innerJoin(documents, eq(documents.id, sessionDocuments.documentId))
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .leftJoin(documentSignatures, and(eq(documentSignatures.documentId, documents.id), eq(documentSignatures.version, documents.currentVersion)))
    .leftJoin(renditions, and(eq(renditions.documentId, documents.id), eq(renditions.version, documents.currentVersion)))
    .where(and(eq(sessions.meetingId, meetingId), eq(documentVersions.contentType, 'application/pdf')))
    .orderBy(asc(sessions.position), asc(sessionDocuments.position));
  const out: { documentId: string; title: string; reason: UnstampedReason }[] = [];
  for (const r of rows) {
    if (out.some((o) => o.documentId === r.id)) continue;
    if (!mayAlterBytes((r.signature as SignatureStatus | null) ?? undefined)) out.push({ documentId: r.id, title: r.title, reason: r.signature ? 'signed' : 'unchecked' });
    else if (r.renderError === 'pdf_password' || (await encryptedTrailer(store, r.storageKey, r.size))) out.push({ documentId: r.id, title: r.title, reason: 'encrypted' });
  }
  return out;
}

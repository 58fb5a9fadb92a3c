import { and, eq } from 'drizzle-orm';
import { runBatch, type Db } from '../db/database';
import { documentVersions } from '../db/schema';
import { enqueueStatements } from '../jobs/enqueue-job';
import type { ObjectStore } from '../storage/object-store';
import { checkPdfSignatures } from './check-pdf-signatures';
import type { SignaturePorts } from '../ports/signature-ports';
import type { SignatureReport } from './signature-report';
import { saveSignatureReport, staleSignatureChecks } from './signature-store';
import type { TrustAnchors } from './trust-anchors';

export const CHECK_SIGNATURES = 'check-signatures';
export const PDF = 'application/pdf';

export type { SignaturePorts } from '../ports/signature-ports';

export interface CheckDocumentDeps {
  db: Db;
  store: ObjectStore;
  now: () => number;
  signatures: SignaturePorts;
}

/**
 * Checks one stored version and records the result. Only PDFs are checked (answers null for
 * anything else, and for a version that no longer exists).
 */
export async function checkDocumentSignatures(deps: CheckDocumentDeps, documentId: string, version: number): Promise<SignatureReport | null> {
  const [row] = await deps.db.select({ key: documentVersions.storageKey, type: documentVersions.contentType })
    .from(documentVersions).where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version)));
  if (!row || row.type !== PDF) return null;
  const report = await checkPdfSignatures({ store: deps.store, anchors: deps.signatures.anchors, hash: deps.signatures.hash }, row.key);
  await saveSignatureReport(deps.db, documentId, version, report, deps.now());
  return report;
}

/** The statements that queue the check of a new version, for the batch that writes the version (PDFs only). */
export function signatureCheckStatements(db: Db, version: { documentId: string; version: number; contentType: string }, now: number) {
  if (version.contentType !== PDF) return [];
  return enqueueStatements(db, { kind: CHECK_SIGNATURES, subject: version.documentId, payload: { version: version.version } }, now);
}

/** At start: queue the check of PDFs never checked, and of those checked against other trust anchors. */
export async function queueStaleSignatureChecks(db: Db, anchors: TrustAnchors, now: number): Promise<number> {
  const stale = await staleSignatureChecks(db, anchors.fingerprint);
  for (const s of stale) await runBatch(db, signatureCheckStatements(db, { ...s, contentType: PDF }, now));
  return stale.length;
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { documentSignatures, documents } from '../db/schema';
import type { SignatureReport, SignatureStatus } from './signature-report';

/** One version's stored check. */
export interface StoredSignatureCheck {
  documentId: string;
  version: number;
  status: SignatureStatus;
  report: SignatureReport;
  checkedAt: Date;
}

function parseReport(status: string, detail: string): SignatureReport {
  try {
    return JSON.parse(detail) as SignatureReport;
  } catch {
    return { status: status as SignatureStatus, signatures: [], anchors: 'none' };
  }
}

export function saveSignatureStatement(db: Db, documentId: string, version: number, report: SignatureReport, now: number) {
  const row = { documentId, version, status: report.status, detail: JSON.stringify(report), anchors: report.anchors, checkedAt: new Date(now) };
  return db.insert(documentSignatures).values(row).onConflictDoUpdate({
    target: [documentSignatures.documentId, documentSignatures.version],
    set: { status: row.status, detail: row.detail, anchors: row.anchors, checkedAt: row.checkedAt },
  });
}

export async function saveSignatureReport(db: Db, documentId: string, version: number, report: SignatureReport, now: number): Promise<void> {
  await saveSignatureStatement(db, documentId, version, report, now);
}

/** The checks of the documents' current versions (documents not checked, or not PDFs, are absent). */
export async function currentSignatureChecks(db: Db, documentIds: string[]): Promise<Map<string, StoredSignatureCheck>> {
  const out = new Map<string, StoredSignatureCheck>();
  if (!documentIds.length) return out;
  // In slices: D1 binds at most 100 parameters per query.
  for (let i = 0; i < documentIds.length; i += 90) {
    const rows = await db
      .select({ documentId: documentSignatures.documentId, version: documentSignatures.version, status: documentSignatures.status, detail: documentSignatures.detail, checkedAt: documentSignatures.checkedAt })
      .from(documentSignatures)
      .innerJoin(documents, and(eq(documents.id, documentSignatures.documentId), eq(documents.currentVersion, documentSignatures.version)))
      .where(inArray(documentSignatures.documentId, documentIds.slice(i, i + 90)));
    for (const r of rows) out.set(r.documentId, { documentId: r.documentId, version: r.version, status: r.status as SignatureStatus, report: parseReport(r.status, r.detail), checkedAt: r.checkedAt });
  }
  return out;
}

export async function signatureCheckOf(db: Db, documentId: string, version: number): Promise<StoredSignatureCheck | undefined> {
  const [r] = await db.select().from(documentSignatures).where(and(eq(documentSignatures.documentId, documentId), eq(documentSignatures.version, version)));
  return r ? { documentId: r.documentId, version: r.version, status: r.status as SignatureStatus, report: parseReport(r.status, r.detail), checkedAt: r.checkedAt } : undefined;
}

/** Current PDF versions never checked, or whose trust was judged against other anchors. */
export async function staleSignatureChecks(db: Db, anchors: string): Promise<{ documentId: string; version: number }[]> {
  const rows = await db.all<{ documentId: string; version: number }>(sql`
    SELECT d.id AS documentId, d.current_version AS version
    FROM documents d
    JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version
    LEFT JOIN document_signatures s ON s.document_id = d.id AND s.version = d.current_version
    WHERE v.content_type = 'application/pdf'
      AND (s.document_id IS NULL OR (s.anchors <> ${anchors} AND s.status IN ('trusted', 'untrusted', 'modified')))`);
  return rows;
}

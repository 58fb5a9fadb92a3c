import type { Db } from '../db/database';
import { ApiError } from '../http/api-error';
import type { ObjectStore } from '../storage/object-store';
import { PDF, type SignaturePorts } from './check-document-signatures';
import { checkPdfSignatures } from './check-pdf-signatures';
import { signatureChange } from './compare-signatures';
import type { SignatureReport } from './signature-report';
import { saveSignatureStatement, signatureCheckOf } from './signature-store';
import { NO_TRUST_ANCHORS } from './trust-anchors';

/**
 * Before a new file replaces a signed document's current one: checks the new file now (it is
 * already in the store under its own key) and refuses with 409 `signature_change` and both
 * sides when the signature would be lost or change hands, unless the organizer confirmed.
 * Answers the statement recording the new version's check, or null when the usual background
 * check should run (the current version is not known to be signed).
 */
export async function signatureReplacementCheck(
  deps: { db: Db; store: ObjectStore; now: () => number; signatures?: SignaturePorts },
  doc: { id: string; currentVersion: number },
  next: { key: string; version: number; contentType: string },
  confirmed: boolean,
) {
  const before = await signatureCheckOf(deps.db, doc.id, doc.currentVersion);
  if (!before?.report.signatures.length) return null;
  const anchors = deps.signatures?.anchors ?? NO_TRUST_ANCHORS;
  const after: SignatureReport = next.contentType === PDF
    ? await checkPdfSignatures({ store: deps.store, anchors, hash: deps.signatures?.hash }, next.key)
    : { status: 'unsigned', signatures: [], anchors: anchors.fingerprint };
  const change = signatureChange(before.report, after);
  if (change && !confirmed) {
    throw new ApiError(409, 'signature_change', 'The current file is digitally signed and the new one is unsigned or signed differently; send again with confirm=1 to replace it.', { signatureChange: change });
  }
  return next.contentType === PDF ? [saveSignatureStatement(deps.db, doc.id, next.version, after, deps.now())] : [];
}

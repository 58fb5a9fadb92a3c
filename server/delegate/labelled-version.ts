import type { AppDeps } from '../app-env';
import { labelledCopy } from '../stamps/labelled-copy';
import type { CodeView } from './load-code-view';
import type { ServedVersion } from './serve-document';

/**
 * The bytes a delegate gets for a PDF: the stored ones, or — when the meeting has labelled
 * copies on — the copy stamped with this code's label (made once per label, version and day,
 * then served from the store). Signed, not yet checked and encrypted PDFs come back as they
 * are (stamps/labelled-copy.ts says why).
 */
export async function labelledVersion(deps: AppDeps, view: CodeView, version: ServedVersion, untouchedPages?: readonly number[]): Promise<ServedVersion> {
  if (!view.model.meeting.labelledCopies) return version;
  const copy = await labelledCopy(deps.store, deps.loadSheetFonts, {
    meetingId: view.meetingId, storageKey: version.storageKey, etag: version.etag, contentType: version.contentType,
    signatureStatus: version.signatureStatus ?? null, untouchedPages,
  }, { label: view.label, meetingTitle: view.model.meeting.title, timezone: view.model.meeting.timezone, at: deps.now() }, deps.pdfWork);
  return copy.stamped ? { ...version, storageKey: copy.storageKey, size: copy.size, etag: copy.etag } : version;
}

import { JobFailure, type JobHandler } from '../jobs/job-handler';
import type { ObjectStore } from '../storage/object-store';
import { checkDocumentSignatures, type SignaturePorts } from './check-document-signatures';

/** Long enough for two streamed reads of a 200 MB PDF from S3; the check's own limits bound the rest. */
const TIME_LIMIT_MS = 120_000;

/** The `check-signatures` job: subject = document id, payload = { version }. */
export function checkSignaturesJob(ports: { store: ObjectStore; signatures: SignaturePorts; onChecked?: () => void }): JobHandler {
  return {
    timeLimitMs: TIME_LIMIT_MS,
    run: async (job, { db, now }) => {
      const version = Number((JSON.parse(job.payload) as { version?: unknown }).version);
      if (!Number.isInteger(version)) throw new JobFailure('bad_payload', job.payload);
      // checkPdfSignatures never throws for a bad file; what reaches here (the database) is worth a retry.
      const report = await checkDocumentSignatures({ db, now, store: ports.store, signatures: ports.signatures }, job.subject, version);
      // Recorded as "could not check" meanwhile; the store may be back on the next try.
      if (report?.reason === 'store_error') throw new Error('document store unreachable');
      ports.onChecked?.(); // delegate pages show the badge: drop the rendered ones
    },
  };
}

import type { Db } from '../db/database';
import { JobRunner } from '../jobs/job-runner';
import type { ObjectStore } from '../storage/object-store';
import { CHECK_SIGNATURES, type SignaturePorts } from './check-document-signatures';
import { checkSignaturesJob } from './check-signatures-job';

/**
 * Runs the queued signature checks now and returns when none is left: for runtimes without a
 * long-lived runner (a Worker calls it in waitUntil after an upload, and from its Cron Trigger).
 */
export async function runQueuedSignatureChecks(deps: { db: Db; store: ObjectStore; now: () => number; signatures: SignaturePorts; onChecked?: () => void }): Promise<void> {
  const runner = new JobRunner({ db: deps.db, now: deps.now }, { [CHECK_SIGNATURES]: checkSignaturesJob(deps) }, { concurrency: 1, pollMs: 60_000, log: () => {} });
  await runner.start();
  try {
    await runner.idle();
  } finally {
    await runner.stop();
  }
}

import type { Db } from '../db/database';
import type { jobs } from '../db/schema';

export type JobRow = typeof jobs.$inferSelect;

/** What a handler gets besides its job: the run's abort signal and the database. */
export interface JobContext {
  /** Aborts at the job's time limit or when the runner stops: kill child processes, stop writing. */
  signal: AbortSignal;
  db: Db;
  now: () => number;
}

/**
 * One kind of background work. Registered with the runner under its kind name; the
 * runner claims jobs of registered kinds only, so a process without a handler for a
 * kind (a Worker without LibreOffice, say) leaves those jobs queued for one that has it.
 */
export interface JobHandler {
  /** Longest one run may take. The run's signal aborts then; the job fails with 'timeout' (or is retried). */
  timeLimitMs: number;
  /** Runs before the job fails for good (default 3). A run cut by a crash or a restart counts. */
  maxAttempts?: number;
  run(job: JobRow, context: JobContext): Promise<void>;
  /** After the job failed for good: record the reason where people see it (e.g. the document's rendition). */
  onFailed?(job: JobRow, failure: JobFailure, context: Omit<JobContext, 'signal'>): Promise<void>;
}

/**
 * A failure with a reason code. `retry: false` (the default) ends the job at once: a
 * password-protected PDF will not open on the next try. Any other error thrown by a
 * handler is taken as transient (store down, disk full) and retried with back-off.
 */
export class JobFailure extends Error {
  readonly retry: boolean;
  constructor(readonly code: string, detail?: string, options: { retry?: boolean } = {}) {
    super(detail ?? code);
    this.name = 'JobFailure';
    this.retry = options.retry ?? false;
  }
}

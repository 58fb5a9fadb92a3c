import type { Db } from '../db/database';
import { claimNextJob, markDone, markFailed, markRetry, purgeFinishedJobs, requeueRunning } from './claim-job';
import { JobFailure, type JobHandler, type JobRow } from './job-handler';

export interface JobRunnerOptions {
  /** Jobs running at once. Keep it at most one per core: renders are CPU-bound and delegates come first. */
  concurrency: number;
  /** How often the queue is looked at when nobody called wake() (default 2 s). */
  pollMs?: number;
  /** Time a handler gets after its signal aborted before its slot is taken back anyway (default 5 s). */
  graceMs?: number;
  log?: (line: string) => void;
}

const DEFAULT_ATTEMPTS = 3;
const STOPPING = 'runner stopping';

/**
 * Runs queued jobs with their registered handlers: at most `concurrency` at once, each
 * within its kind's time limit. State is in the `jobs` table only, so a restart (or
 * another process on the same database) continues where this one stopped. Works with
 * timers only; the Node entry starts one, and anything with a database can.
 */
export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private started = false;
  private stopped = false;
  private readonly settled = new Set<Promise<void>>();
  private fillLock: Promise<void> = Promise.resolve();
  private readonly log: (line: string) => void;

  constructor(
    private readonly deps: { db: Db; now: () => number },
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: JobRunnerOptions,
  ) {
    this.log = options.log ?? ((line) => console.log(line));
  }

  get kinds(): string[] {
    return Object.keys(this.handlers);
  }

  /** Starts polling. `ownsDatabase`: requeue jobs left running by a previous process (see requeueRunning). */
  async start(options: { ownsDatabase?: boolean } = {}): Promise<void> {
    if (this.started) return;
    this.started = true;
    if (options.ownsDatabase) {
      const resumed = await requeueRunning(this.deps.db, this.kinds, this.deps.now());
      if (resumed) this.log(`jobs: ${resumed} unfinished job(s) resumed`);
    }
    await purgeFinishedJobs(this.deps.db, this.deps.now() - 30 * 24 * 3600_000);
    this.wake();
  }

  /** Looks at the queue now (after an enqueue) instead of at the next poll. */
  wake(): void {
    if (!this.started || this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.ticking = this.fill().catch((error) => this.log(`jobs: queue unreadable, retrying: ${describe(error)}`)).finally(() => {
      this.ticking = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.schedule();
    });
  }

  /** Stops claiming, aborts the running jobs (they go back to the queue, not counted) and waits for them. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const controller of this.running.values()) controller.abort(new Error(STOPPING));
    await this.ticking;
    await Promise.allSettled([...this.settled]);
  }

  /** Resolves once nothing is running and nothing due is left (tests, CLI). */
  async idle(): Promise<void> {
    for (;;) {
      await this.ticking;
      if (this.settled.size) await Promise.allSettled([...this.settled]);
      else {
        await this.fill();
        if (this.settled.size === 0) return;
      }
    }
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), this.options.pollMs ?? 2000);
    // The poll never keeps a process alive on its own (a CLI may use a runner).
    (this.timer as { unref?: () => void }).unref?.();
  }

  /** Claims jobs while slots are free; one claimer at a time, so the count never overshoots. */
  private fill(): Promise<void> {
    const next = this.fillLock.then(() => this.fillNow());
    this.fillLock = next.catch(() => undefined);
    return next;
  }

  private async fillNow(): Promise<void> {
    while (!this.stopped && this.running.size < this.options.concurrency) {
      const job = await claimNextJob(this.deps.db, this.kinds, this.deps.now(), (kind) => this.handlers[kind]!.timeLimitMs + 60_000);
      if (!job) return;
      const done = this.runOne(job).finally(() => {
        this.settled.delete(done);
        this.wake();
      });
      this.settled.add(done);
    }
  }

  private async runOne(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind]!;
    const { db, now } = this.deps;
    const maxAttempts = handler.maxAttempts ?? DEFAULT_ATTEMPTS;
    if (job.attempts > maxAttempts) {
      // Runs kept dying with the process (a crash, an out-of-memory kill): do not take the server down again.
      return this.fail(job, handler, new JobFailure('too_many_attempts', `${job.attempts - 1} run(s) did not finish`));
    }
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const limit = setTimeout(() => controller.abort(new JobFailure('timeout', `longer than ${Math.round(handler.timeLimitMs / 1000)} s`)), handler.timeLimitMs);
    try {
      // A handler that ignores its signal still loses its slot a little after the limit.
      await Promise.race([handler.run(job, { signal: controller.signal, db, now }), abandoned(controller.signal, this.options.graceMs ?? 5000)]);
      await markDone(db, job.id, now());
    } catch (thrown) {
      const error = controller.signal.aborted ? controller.signal.reason : thrown;
      if (error instanceof Error && error.message === STOPPING) {
        await markRetry(db, job, now(), 'interrupted', 'the server stopped during the run', true);
      } else if (error instanceof JobFailure && !error.retry) {
        await this.fail(job, handler, error);
      } else if (job.attempts >= maxAttempts) {
        await this.fail(job, handler, error instanceof JobFailure ? error : new JobFailure('error', describe(error)));
      } else {
        const code = error instanceof JobFailure ? error.code : 'error';
        this.log(`jobs: ${job.kind} ${job.subject} attempt ${job.attempts} failed (${code}), will retry: ${describe(error)}`);
        await markRetry(db, job, now() + 15_000 * job.attempts ** 2, code, describe(error));
      }
    } finally {
      clearTimeout(limit);
      this.running.delete(job.id);
    }
  }

  private async fail(job: JobRow, handler: JobHandler, failure: JobFailure) {
    const { db, now } = this.deps;
    this.log(`jobs: ${job.kind} ${job.subject} failed: ${failure.code}: ${failure.message}`);
    await markFailed(db, job.id, now(), failure.code, failure.message);
    await handler.onFailed?.(job, failure, { db, now }).catch((error) => this.log(`jobs: recording the failure of ${job.id}: ${describe(error)}`));
  }
}

/** Rejects `graceMs` after the signal aborts, with the abort's reason. */
function abandoned(signal: AbortSignal, graceMs: number): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => setTimeout(() => reject(signal.reason), graceMs), { once: true });
  });
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

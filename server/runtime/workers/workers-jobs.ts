import type { Db } from '../../db/database';
import { buildBooksJob, type BuildBooksPorts } from '../../books/build-books-job';
import { BUILD_BOOKS } from '../../delegate/queue-book-builds';
import type { JobHandler } from '../../jobs/job-handler';
import { COUNT_PAGES, countPagesJob, pdfLibPageCounter } from '../../documents/count-pages-job';
import { JobRunner } from '../../jobs/job-runner';
import { RENDER_DOCUMENT } from '../../reader/queue-rendition';
import { renderDocumentJob } from '../../reader/render-document-job';
import type { ObjectStore } from '../../storage/object-store';
import { workersReaderPorts } from './workers-reader-ports';

/**
 * A run's time limit on Workers: below what waitUntil gives after a response (30 s), so a
 * document too slow for a Worker fails with 'timeout' (counted) instead of being cut
 * (not counted, and retried forever).
 */
export const WORKER_JOB_LIMIT_MS = 20_000;
/** How long one drain may go on: inside waitUntil's 30 s after the response. */
export const DRAIN_BUDGET_MS = 25_000;

/**
 * The job kinds a Worker runs: renditions with the Worker's own reader ports, page counts, and
 * meeting books (pdf-lib runs in workerd; a book too big for one run's 20 s fails with 'timeout'
 * and the page keeps saying it is being made — docs/meeting-book.md).
 */
export function workersJobHandlers(store: ObjectStore, books?: Omit<BuildBooksPorts, 'store'>): Record<string, JobHandler> {
  return {
    [RENDER_DOCUMENT]: renderDocumentJob(store, workersReaderPorts(), { timeLimitMs: WORKER_JOB_LIMIT_MS }),
    // pdf-lib holds the file in memory: 32 MB leaves room in a Worker's 128 MB.
    [COUNT_PAGES]: countPagesJob(pdfLibPageCounter(store, 32 * 1024 * 1024)),
    ...(books ? { [BUILD_BOOKS]: buildBooksJob({ store, timeLimitMs: WORKER_JOB_LIMIT_MS, ...books }) } : {}),
  };
}

/**
 * The job queue on Workers, where no process outlives a request. A request that queues a
 * job calls wake(); the Worker's fetch handler then runs due jobs in ctx.waitUntil after
 * the response (drainIfWoken). The Cron Trigger drains too: it resumes what a cut
 * isolate left (a running job whose lease ran out) and retries back-offs that came due.
 */
export class WaitUntilJobs {
  private woken = false;

  constructor(private readonly deps: { db: Db; now: () => number }, private readonly handlers: Record<string, JobHandler>) {}

  wake(): void {
    this.woken = true;
  }

  /** After a response: the drain to hand to ctx.waitUntil, if a job was queued meanwhile. */
  drainIfWoken(): Promise<number> | null {
    if (!this.woken) return null;
    // Isolates serve requests concurrently: whichever request finishes first drains for all.
    this.woken = false;
    return this.drain();
  }

  /** Runs due jobs one at a time until none is left or the budget is spent; returns how many ran. */
  async drain(budgetMs = DRAIN_BUDGET_MS): Promise<number> {
    let ran = 0;
    const handlers = Object.fromEntries(Object.entries(this.handlers).map(([kind, handler]) => [kind, {
      ...handler,
      run: async (...args: Parameters<JobHandler['run']>) => {
        ran++;
        return handler.run(...args);
      },
    }]));
    const runner = new JobRunner(this.deps, handlers, { concurrency: 1, pollMs: 60_000, graceMs: 1000, log: (line) => console.log(line) });
    await runner.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([runner.idle(), new Promise<void>((resolve) => { timer = setTimeout(resolve, budgetMs); })]);
    clearTimeout(timer);
    // Past the budget a running job goes back to the queue (not counted) for the next drain or cron.
    await runner.stop();
    return ran;
  }
}

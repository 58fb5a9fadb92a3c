import { Worker } from 'node:worker_threads';
import { PdfWorkError, type PdfRunOptions, type PdfTask, type PdfWork } from '../../../ports/pdf-work';
import { packageFile } from '../package-root';
import { movableBuffers } from './movable-buffers';
import type { FromServer, ToServer } from './thread-messages';

/**
 * Two threads: a delegate's labelled copy never waits behind a book (at most one book
 * compiles at a time, on one of them), and the server's event loop keeps a core of a
 * two-core machine while a book compiles. More would only multiply the memory (each
 * thread holds its PDFs parsed: several times their size) for work that is rare.
 */
const THREADS = 2;
/** Tasks waiting for a thread at most; past it a task fails at once ('busy'). */
const MAX_QUEUED = 16;
/**
 * A thread's JavaScript heap. A 2,000-page book (the cap) of text PDFs stays well under
 * it; a file that needs more ends its thread (ERR_WORKER_OUT_OF_MEMORY), not the server.
 */
const HEAP_MB = 1024;
/** Per task, from its start on a thread: a stamped 2,000-page copy takes ~10 s, a 2,000-page book ~30 s on a quiet machine. */
const TIME_LIMIT_MS = { delegate: 120_000, background: 300_000 };
/**
 * A thread idle this long ends (its heap goes back to the system); the next task starts one
 * again (~0.1 s from dist/, more from source). Long enough to keep a morning's downloads on warm threads.
 */
const IDLE_MS = 5 * 60_000;

export interface PdfThreadPoolOptions {
  threads?: number;
  maxQueued?: number;
  /** undefined: V8's default heap (tests compare); absent: HEAP_MB. */
  heapMb?: number | undefined;
  timeLimitMs?: { delegate: number; background: number };
  idleMs?: number;
  log?: (line: string) => void;
}

interface Queued {
  task: PdfTask<unknown, unknown>;
  input: unknown;
  options: PdfRunOptions;
  priority: 'delegate' | 'background';
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
}

interface Thread {
  worker: Worker;
  running: (Queued & { id: number; timer: NodeJS.Timeout; readError?: unknown }) | null;
  idle?: NodeJS.Timeout;
}

// From source the thread's TypeScript loads through tsx (tsx-thread.mjs registers it in the
// thread); a release (compiled into dist/, no tsx installed) starts the bundled entry.
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The Node server's PdfWork: books and labelled copies are made on worker threads, so
 * pdf-lib never holds the event loop that answers delegates (a 300-page stamped copy held
 * it ~1.5 s). Tasks queue (a delegate's ahead of background ones, bounded); each runs with a
 * time limit on a thread with a capped heap; a thread that crashes or overruns is ended,
 * fails its one task with a PdfWorkError, and a new one starts for the next task.
 */
export class PdfThreadPool implements PdfWork {
  private readonly threads: Thread[] = [];
  private readonly queue: Queued[] = [];
  private closed = false;
  private nextId = 0;
  private readonly size: number;
  private readonly maxQueued: number;
  private readonly heapMb: number | undefined;
  private readonly timeLimitMs: { delegate: number; background: number };
  private readonly idleMs: number;
  private readonly log: (line: string) => void;

  constructor(options: PdfThreadPoolOptions = {}) {
    this.size = options.threads ?? THREADS;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED;
    this.heapMb = 'heapMb' in options ? options.heapMb : HEAP_MB;
    this.timeLimitMs = options.timeLimitMs ?? TIME_LIMIT_MS;
    this.idleMs = options.idleMs ?? IDLE_MS;
    this.log = options.log ?? ((line) => console.warn(line));
  }

  run<In, Out>(task: PdfTask<In, Out>, input: In, options: PdfRunOptions = {}): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      if (this.closed) return reject(new PdfWorkError('closed', 'the server is stopping: no PDF work is taken'));
      if (options.signal?.aborted) return reject(options.signal.reason);
      if (this.queue.length >= this.maxQueued) return reject(new PdfWorkError('busy', `${this.queue.length} PDF tasks already wait for a thread`));
      const item: Queued = {
        task: task as PdfTask<unknown, unknown>, input, options, priority: options.priority ?? 'background',
        resolve: resolve as (output: unknown) => void, reject,
      };
      if (options.signal) {
        item.onAbort = () => this.abort(item);
        options.signal.addEventListener('abort', item.onAbort, { once: true });
      }
      // Someone is waiting for a delegate's task: it goes ahead of every background one.
      const at = item.priority === 'delegate' ? this.queue.findIndex((q) => q.priority === 'background') : -1;
      if (at === -1) this.queue.push(item);
      else this.queue.splice(at, 0, item);
      this.dispatch();
    });
  }

  /** Tasks waiting and running, and threads started (tests read it). */
  get load(): { queued: number; running: number; threads: number } {
    return { queued: this.queue.length, running: this.threads.filter((t) => t.running).length, threads: this.threads.length };
  }

  /** Ends every thread and fails what waits or runs ('closed'): the process can exit. */
  async close(): Promise<void> {
    this.closed = true;
    for (const item of this.queue.splice(0)) this.settle(item, () => item.reject(new PdfWorkError('closed', 'the server is stopping')));
    await Promise.all([...this.threads].map((thread) => this.end(thread, new PdfWorkError('closed', 'the server is stopping'))));
  }

  private dispatch() {
    if (this.closed) return;
    for (let i = 0; i < this.queue.length; i++) {
      const item = this.queue[i]!;
      // One book at a time: the other thread stays free for delegates' copies.
      if (item.priority === 'background' && this.threads.some((t) => t.running?.priority === 'background')) continue;
      const thread = this.threads.find((t) => !t.running) ?? (this.threads.length < this.size ? this.spawn() : null);
      if (!thread) return;
      this.queue.splice(i--, 1);
      this.start(thread, item);
    }
  }

  private spawn(): Thread {
    const options = {
      // The parent's flags (--import tsx, --max-old-space-size) are not for a thread.
      execArgv: [],
      ...(this.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } } : {}),
    };
    const worker = FROM_SOURCE
      ? new Worker(new URL('./tsx-thread.mjs', import.meta.url), { ...options, workerData: { entry: new URL('./pdf-thread.ts', import.meta.url).href } })
      : new Worker(packageFile('dist', 'qrhop-pdf-thread.js'), options);
    // An idle thread never keeps the process alive (the server does, while it serves).
    worker.unref();
    const thread: Thread = { worker, running: null };
    worker.on('message', (message: ToServer) => this.receive(thread, message));
    worker.on('error', (error) => this.lost(thread, `the PDF thread stopped: ${error.message}`));
    worker.on('exit', (code) => this.lost(thread, `the PDF thread exited (code ${code})`));
    this.threads.push(thread);
    return thread;
  }

  private start(thread: Thread, item: Queued) {
    clearTimeout(thread.idle);
    const id = ++this.nextId;
    const limit = this.timeLimitMs[item.priority];
    const timer = setTimeout(() => {
      const over = `${item.task.name} ran longer than ${limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`}`;
      this.log(`pdf-work: ${over}: its thread is ended`);
      void this.end(thread, new PdfWorkError('timed_out', over));
    }, limit);
    thread.running = { ...item, id, timer };
    thread.worker.ref(); // a task under way keeps the process alive until it settles
    const message: FromServer = { type: 'run', id, task: item.task.name, input: item.input };
    try {
      thread.worker.postMessage(message, movableBuffers(item.options.handOver ?? []));
    } catch (error) {
      // Input that cannot cross threads (DataCloneError): the caller's mistake, the thread is fine.
      clearTimeout(timer);
      thread.running = null;
      thread.worker.unref();
      this.settle(item, () => item.reject(error));
      queueMicrotask(() => this.dispatch());
    }
  }

  private receive(thread: Thread, message: ToServer) {
    const running = thread.running;
    if (!running || running.id !== message.id) return;
    if (message.type === 'read') {
      const readFile = running.options.readFile ?? (async () => null);
      readFile(message.storageKey).then(
        (bytes) => {
          const reply: FromServer = { type: 'file', readId: message.readId, bytes };
          // Read for this task only: moved to the thread, not copied.
          if (thread.running?.id === running.id) thread.worker.postMessage(reply, bytes ? movableBuffers([bytes]) : []);
        },
        (error: unknown) => {
          // The task fails with the store's own error (StorageUnavailableError: the job retries).
          running.readError = error;
          if (thread.running?.id === running.id) thread.worker.postMessage({ type: 'file', readId: message.readId, error: String(error) } satisfies FromServer);
        },
      );
      return;
    }
    clearTimeout(running.timer);
    thread.running = null;
    thread.worker.unref();
    if (message.type === 'done') this.settle(running, () => running.resolve(message.output));
    else this.settle(running, () => running.reject(running.readError ?? new Error(`${running.task.name}: ${message.message}`)));
    this.idleLater(thread);
    this.dispatch();
  }

  /** The thread died by itself (error or exit): its task fails, the thread is dropped. */
  private lost(thread: Thread, why: string) {
    const index = this.threads.indexOf(thread);
    if (index === -1) return;
    this.threads.splice(index, 1);
    const running = thread.running;
    thread.running = null;
    clearTimeout(thread.idle);
    if (running) {
      clearTimeout(running.timer);
      this.log(`pdf-work: ${running.task.name} failed: ${why}`);
      this.settle(running, () => running.reject(new PdfWorkError('crashed', `${running.task.name}: ${why}`)));
    }
    this.dispatch();
  }

  /** Ends a thread on purpose (time limit, abort, close): its task fails with `error`. */
  private async end(thread: Thread, error: unknown) {
    const index = this.threads.indexOf(thread);
    if (index !== -1) this.threads.splice(index, 1);
    const running = thread.running;
    thread.running = null;
    clearTimeout(thread.idle);
    if (running) {
      clearTimeout(running.timer);
      this.settle(running, () => running.reject(error));
    }
    this.dispatch();
    await thread.worker.terminate();
  }

  private abort(item: Queued) {
    const queued = this.queue.indexOf(item);
    if (queued !== -1) {
      this.queue.splice(queued, 1);
      this.settle(item, () => item.reject(item.options.signal?.reason));
      return;
    }
    const thread = this.threads.find((t) => t.running?.resolve === item.resolve);
    // pdf-lib cannot be interrupted: the thread is ended, a new one starts for the next task.
    if (thread) void this.end(thread, item.options.signal?.reason);
  }

  private settle(item: Queued, then: () => void) {
    if (item.onAbort) item.options.signal?.removeEventListener('abort', item.onAbort);
    then();
  }

  private idleLater(thread: Thread) {
    clearTimeout(thread.idle);
    thread.idle = setTimeout(() => {
      if (!thread.running) void this.end(thread, null);
    }, this.idleMs);
    thread.idle.unref();
  }
}

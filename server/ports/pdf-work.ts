/**
 * CPU-heavy PDF work (compiling a meeting book, stamping a labelled copy) runs through this
 * port so a runtime can take it off the thread that answers requests. pdf-lib holds the
 * thread for seconds on a large document (1.6 s for a 101-page book, ~5 ms per stamped page):
 * on Node that thread is the server's event loop, so the Node entry fills the port with a
 * pool of worker threads (runtime/node/pdf-work/); a Worker isolate has no thread to hand the
 * work to and runs it in place (inProcessPdfWork).
 */

/** What a task may ask of its caller while it runs: a book reads its PDFs one by one, as it goes. */
export interface PdfTaskIo {
  readFile(storageKey: string): Promise<Uint8Array | null>;
}

/**
 * One kind of work: its name (a worker thread finds the code by it) and the code. Input and
 * output cross threads by structured clone: plain data, Uint8Arrays, Dates.
 */
export interface PdfTask<In, Out> {
  name: string;
  run(input: In, io: PdfTaskIo): Promise<Out>;
  /** The output's byte buffers: moved back to the caller rather than copied. */
  outputBuffers?(output: Out): Uint8Array[];
}

export interface PdfRunOptions {
  /** Reads a stored file for the task (PdfTaskIo.readFile); absent: every read finds nothing. */
  readFile?: PdfTaskIo['readFile'];
  /** Input byte arrays the caller hands over (moved, not copied: the caller must not use them again). */
  handOver?: Uint8Array[];
  /** 'delegate': someone waits for the answer (a labelled copy); 'background': a job (a book). */
  priority?: 'delegate' | 'background';
  /** Gives up the task (a job being stopped). */
  signal?: AbortSignal;
}

export interface PdfWork {
  run<In, Out>(task: PdfTask<In, Out>, input: In, options?: PdfRunOptions): Promise<Out>;
}

/**
 * The work could not be done where it was sent, through no fault of the input known so far:
 * 'crashed' (the thread died: out of memory, a fault), 'timed_out' (ended after its time
 * limit), 'busy' (the queue is full), 'closed' (the server is stopping). Only this one task fails.
 */
export class PdfWorkError extends Error {
  override readonly name = 'PdfWorkError';
  constructor(readonly reason: 'crashed' | 'timed_out' | 'busy' | 'closed', message: string) {
    super(message);
  }
}

/** Runs the task on the calling thread (Workers; tests). */
export const inProcessPdfWork: PdfWork = {
  run: (task, input, options = {}) => task.run(input, { readFile: options.readFile ?? (async () => null) }),
};

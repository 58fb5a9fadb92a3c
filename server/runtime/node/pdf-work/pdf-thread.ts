/**
 * A PDF thread's entry (runtime/node/pdf-work/pdf-thread-pool.ts starts it; bundled as
 * dist/qrhop-pdf-thread.js): runs one task at a time and asks the server's thread for the
 * stored files a task reads.
 */
import { parentPort } from 'node:worker_threads';
import type { PdfTask } from '../../../ports/pdf-work';
import { movableBuffers } from './movable-buffers';
import { PDF_TASKS } from './pdf-tasks';
import type { FromServer, ToServer } from './thread-messages';

const port = parentPort!;
const reads = new Map<number, { resolve: (bytes: Uint8Array | null) => void; reject: (error: Error) => void }>();
let nextRead = 0;

const send = (message: ToServer, moved: ArrayBuffer[] = []) => port.postMessage(message, moved);

function readFile(id: number, storageKey: string): Promise<Uint8Array | null> {
  const readId = ++nextRead;
  return new Promise((resolve, reject) => {
    reads.set(readId, { resolve, reject });
    send({ type: 'read', id, readId, storageKey });
  });
}

async function run(id: number, name: string, input: unknown) {
  const task = PDF_TASKS[name] as PdfTask<unknown, unknown> | undefined;
  try {
    if (!task) throw new Error(`no PDF task named ${name}`);
    const output = await task.run(input, { readFile: (key) => readFile(id, key) });
    send({ type: 'done', id, output }, movableBuffers(task.outputBuffers?.(output) ?? []));
  } catch (error) {
    send({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: FromServer) => {
  if (message.type === 'run') {
    void run(message.id, message.task, message.input);
  } else {
    const read = reads.get(message.readId);
    reads.delete(message.readId);
    if (!read) return;
    if ('error' in message) read.reject(new Error(message.error));
    else read.resolve(message.bytes);
  }
});

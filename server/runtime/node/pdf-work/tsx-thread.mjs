// From source only (npm start, tests): a worker thread does not take the parent's `--import tsx`,
// so this plain-JavaScript entry registers tsx in the thread, then loads the TypeScript entry.
// A release starts dist/qrhop-pdf-thread.js instead (pdf-thread-pool.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);

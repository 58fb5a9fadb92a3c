/**
 * The Worker `npm run bench -- --only=8` runs under `wrangler dev`: the real entry
 * (server/runtime/workers/worker.ts) with a counting proxy on every D1 binding (d1Tap: the
 * Worker's and the Durable Objects', which share this isolate under wrangler dev), and one
 * extra route, /__bench/d1, that reports the counts. Bench only: never deployed.
 */
import worker from '../../server/runtime/workers/worker';
import { countD1 } from '../workers/d1-counter';

export { AttemptCounter, CodeDirectory, MeetingObject } from '../../server/runtime/workers/worker';

const counts = countD1();

export default {
  fetch(request: Request, env: never, ctx: never) {
    if (new URL(request.url).pathname === '/__bench/d1') {
      // Each statement's first 80 characters, with how many times it ran.
      const statements: Record<string, number> = {};
      for (const head of counts.statements) statements[head] = (statements[head] ?? 0) + 1;
      return Response.json({ reads: counts.reads, writes: counts.writes, statements });
    }
    return worker.fetch(request, env, ctx);
  },
};

/**
 * The Worker `npm run bench -- --only=8` runs under `wrangler dev`: the real entry
 * (server/runtime/workers/worker.ts) with a counting proxy on every D1 binding (d1Tap: the
 * Worker's and the Durable Objects', which share this isolate under wrangler dev), and one
 * extra route, /__bench/d1, that reports the counts. Bench only: never deployed.
 */
import worker from '../../server/runtime/workers/worker';
import { d1Tap } from '../../server/runtime/workers/d1-binding';
import type { D1Binding } from '../../server/runtime/workers/durable-types';

export { AttemptCounter, CodeDirectory, MeetingObject } from '../../server/runtime/workers/worker';

const counts = { reads: 0, writes: 0, statements: {} as Record<string, number> };
d1Tap.wrap = (binding: D1Binding) =>
  new Proxy(binding, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') {
        return (sql: string) => {
          if (/^\s*(select|with)\b/i.test(sql)) counts.reads += 1;
          else counts.writes += 1;
          const head = sql.replace(/\s+/g, ' ').slice(0, 80);
          counts.statements[head] = (counts.statements[head] ?? 0) + 1;
          return target.prepare(sql);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });

export default {
  fetch(request: Request, env: never, ctx: never) {
    if (new URL(request.url).pathname === '/__bench/d1') return Response.json(counts);
    return worker.fetch(request, env, ctx);
  },
};

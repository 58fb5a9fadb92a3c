import { d1Tap } from '../../server/runtime/workers/d1-binding';
import type { D1Binding } from '../../server/runtime/workers/durable-types';

/** D1 statements seen since the last reset, by kind. */
export interface D1Counts {
  reads: number;
  writes: number;
  statements: string[];
}

/**
 * Puts a counting proxy on every D1 binding the Worker and its Durable Objects use (through
 * d1Tap: the objects get their bindings from workerd, not from the test). A statement is
 * counted when it is prepared: drizzle and the event log prepare each statement right before
 * running it. SELECT is a read; anything else (INSERT, UPDATE, DELETE) a write.
 */
export function countD1(): D1Counts & { reset(): void } {
  const counts = {
    reads: 0,
    writes: 0,
    statements: [] as string[],
    reset() {
      counts.reads = 0;
      counts.writes = 0;
      counts.statements = [];
    },
  };
  d1Tap.wrap = (binding: D1Binding) =>
    new Proxy(binding, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'prepare') {
          return (sql: string) => {
            if (/^\s*(select|with)\b/i.test(sql)) counts.reads += 1;
            else counts.writes += 1;
            counts.statements.push(sql.replace(/\s+/g, ' ').trim().slice(0, 80));
            return target.prepare(sql);
          };
        }
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  return counts;
}

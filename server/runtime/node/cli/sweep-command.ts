import { parseArgs } from 'node:util';
import { describeSweep, sweepOrphans } from '../../../storage/sweep-orphans';
import { openStore } from '../node-ports';
import { nodeConfig, openNodeDatabase } from './node-context';

export const sweepCommand = {
  usage: 'sweep [--grace-hours N] [--dry-run]   delete stored files no document points to (older than N hours, default 24)',
  async run(args: string[]) {
    const { values } = parseArgs({ args, options: { 'grace-hours': { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    const raw = values['grace-hours'];
    const graceHours = raw === undefined ? 24 : Number(raw);
    // 0 is allowed for a stopped server; anything else that is not a number is a typo.
    if (raw !== undefined && (raw.trim() === '' || !Number.isFinite(graceHours) || graceHours < 0)) {
      throw new Error(`--grace-hours: expected a number of hours ≥ 0, got ${JSON.stringify(raw)}`);
    }
    const database = openNodeDatabase();
    try {
      // Usually run while the server is up: the store must not touch uploads in flight.
      const store = await openStore(nodeConfig(), { alongsideServer: true });
      const result = await sweepOrphans(database.db, store, { graceMs: graceHours * 3_600_000, dryRun: values['dry-run'] ?? false });
      for (const line of describeSweep(result, Number.POSITIVE_INFINITY)) console.log(line);
    } finally {
      database.close();
    }
  },
};

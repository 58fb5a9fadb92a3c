import { parseArgs } from 'node:util';
import { purgeAccessEvents } from '../../../access/purge-access-events';
import { nodeConfig, openNodeDatabase } from './node-context';

export const purgeCommand = {
  usage: 'purge [--days N] [--dry-run]               delete access events older than N days (default RETENTION_DAYS, 365)',
  async run(args: string[]) {
    const { values } = parseArgs({ args, options: { days: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    const raw = values.days;
    const days = raw === undefined ? nodeConfig().retentionDays : Number(raw);
    if (raw !== undefined && (raw.trim() === '' || !Number.isInteger(days) || days < 1)) {
      throw new Error(`--days: expected a whole number of days ≥ 1, got ${JSON.stringify(raw)}`);
    }
    const database = openNodeDatabase();
    try {
      const dryRun = values['dry-run'] ?? false;
      const { purged, before } = await purgeAccessEvents(database.db, { now: Date.now(), retentionDays: days, dryRun });
      console.log(`${dryRun ? 'Would purge' : 'Purged'} ${purged} access events older than ${before.toISOString()} (${days} days).`);
    } finally {
      database.close();
    }
  },
};

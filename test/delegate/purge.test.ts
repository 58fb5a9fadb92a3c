import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { purgeAccessEvents, scheduleAccessPurge } from '../../server/access/purge-access-events';
import { openSqlite, type SqliteHandle } from '../../server/runtime/node/sqlite-client';
import { accessEvents } from '../../server/db/schema';
import { runCli } from '../support/run-cli';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-01T00:00:00Z');

function seed(handle: SqliteHandle, ageDays: number[]) {
  for (const [i, age] of ageDays.entries()) {
    handle.sqlite.prepare('insert into access_events (at, kind, meeting_id, code_id, device_id) values (?, ?, ?, ?, ?)').run(NOW - age * DAY, i % 2 ? 'open' : 'view', 'm1', 'c1', `device-${i}-aaaaaaaaaaaa`);
  }
}
const remaining = async (handle: SqliteHandle) => (await handle.db.select({ at: accessEvents.at }).from(accessEvents)).map((r) => Math.round((NOW - r.at.getTime()) / DAY)).sort((a, b) => a - b);

describe('retention purge', () => {
  let dir: string;
  let handle: SqliteHandle;
  const open = () => {
    dir = mkdtempSync(join(tmpdir(), 'qrhop-purge-'));
    handle = openSqlite(join(dir, 'qrhop.db'));
  };
  afterEach(() => {
    handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deletes the events older than the retention period and keeps the rest', async () => {
    open();
    seed(handle, [0, 1, 364, 366, 400, 1000]);
    expect(await purgeAccessEvents(handle.db, { now: NOW, retentionDays: 365, dryRun: true })).toMatchObject({ purged: 3 });
    expect(await remaining(handle)).toHaveLength(6);
    const result = await purgeAccessEvents(handle.db, { now: NOW, retentionDays: 365 });
    expect(result.purged).toBe(3);
    expect(result.before.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(await remaining(handle)).toEqual([0, 1, 364]);
    expect((await purgeAccessEvents(handle.db, { now: NOW, retentionDays: 30 })).purged).toBe(1);
  });

  it('purges in slices when there are many', async () => {
    open();
    seed(handle, Array.from({ length: 12_345 }, (_, i) => 400 + (i % 5)));
    seed(handle, [10]);
    expect((await purgeAccessEvents(handle.db, { now: NOW, retentionDays: 365 })).purged).toBe(12_345);
    expect(await remaining(handle)).toEqual([10]);
  });

  it('runs on its schedule and logs what it removed', async () => {
    open();
    seed(handle, [2, 500]);
    const lines: string[] = [];
    const schedule = scheduleAccessPurge(handle.db, { retentionDays: 365, firstAfterMs: 0, everyMs: 60_000, now: () => NOW, log: (l) => lines.push(l) });
    await new Promise((r) => setTimeout(r, 100));
    schedule.stop();
    expect(await remaining(handle)).toEqual([2]);
    expect(lines).toEqual(['access log: purged 1 events older than 2025-12-01T00:00:00.000Z (RETENTION_DAYS=365)']);
  });

  it('is a CLI command, with RETENTION_DAYS as its default and --days to override', async () => {
    open();
    const now = Date.now();
    handle.sqlite.prepare('insert into access_events (at, kind, meeting_id, code_id, device_id) values (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)')
      .run(now - 5 * DAY, 'view', 'm', 'c', 'd1xxxxxxxxxxxxxxxx', now - 50 * DAY, 'view', 'm', 'c', 'd2xxxxxxxxxxxxxxxx', now - 500 * DAY, 'view', 'm', 'c', 'd3xxxxxxxxxxxxxxxx');
    handle.close();
    const env = { DATA_DIR: dir, RETENTION_DAYS: '365' };
    const dry = await runCli(['purge', '--dry-run'], env);
    expect(dry.output).toMatch(/^Would purge 1 access events older than .* \(365 days\)\./);
    const byDefault = await runCli(['purge'], env);
    expect(byDefault.code).toBe(0);
    expect(byDefault.output).toMatch(/^Purged 1 access events/);
    expect((await runCli(['purge', '--days', '30'], env)).output).toMatch(/^Purged 1 access events .* \(30 days\)\./);
    const bad = await runCli(['purge', '--days', 'soon'], env);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('--days: expected a whole number of days ≥ 1, got "soon"');
    expect((await runCli(['help'], env)).output).toContain('purge [--days N] [--dry-run]');
    handle = openSqlite(join(dir, 'qrhop.db'));
    expect(await handle.db.select().from(accessEvents)).toHaveLength(1);
  }, 120_000); // five CLI processes, each starting tsx: slow on a busy 2-core machine
});

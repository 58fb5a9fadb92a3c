import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drizzleEventWriter, type AccessEventInput } from '../../access/access-recorder';
import { openSqlite } from './sqlite-client';
import { sqliteEventWriter } from './node-ports';

const dir = mkdtempSync(join(tmpdir(), 'qrhop-node-ports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqliteEventWriter', () => {
  it('writes the same rows as the portable drizzle writer', async () => {
    const db = openSqlite(join(dir, 'events.db'));
    const events: AccessEventInput[] = [
      { at: new Date(1_790_000_000_123), kind: 'view', meetingId: 'm1', sessionId: 's1', codeId: 'c1', label: 'Bàn 1', documentId: null, deviceId: 'd1', browser: 'Zalo', os: 'Android', isBot: false },
      { at: new Date(1_790_000_000_456), kind: 'open', meetingId: 'm1', sessionId: null, codeId: 'c2', label: null, documentId: 'doc1', deviceId: 'd2', browser: 'Bot', os: 'Other', isBot: true },
      { at: new Date(1_790_000_000_789), kind: 'view', meetingId: 'm1', codeId: 'c1', deviceId: 'd3' }, // defaults
    ];
    // Two full 50-row statements and a remainder, every row different.
    for (let i = 3; i < 123; i++) events.push({ at: new Date(1_790_000_001_000 + i), kind: i % 3 ? 'view' : 'open', meetingId: 'm1', codeId: `c${i % 7}`, label: i % 5 ? `Bàn ${i}` : null, deviceId: `d${i}`, isBot: i % 11 === 0 });
    await drizzleEventWriter(db.db)(events);
    await sqliteEventWriter(db.sqlite)(events);
    const rows = db.sqlite.prepare('select * from access_events order by id').all() as Record<string, unknown>[];
    const withoutId = rows.map(({ id: _id, ...row }) => row);
    expect(withoutId).toHaveLength(246);
    expect(withoutId.slice(123)).toEqual(withoutId.slice(0, 123));
    expect(withoutId[2]).toMatchObject({ browser: '', os: '', is_bot: 0, session_id: null, at: 1_790_000_000_789 });
    db.close();
  });
});

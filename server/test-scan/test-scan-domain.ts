import { and, eq, gt, lt } from 'drizzle-orm';
import type { TestScanView } from '../../shared/api-contract';
import { classifyClient } from '../delegate/client-info';
import type { Db } from '../db/database';
import { testScans } from '../db/schema';
import { newId, newToken } from '../ids';

/** A test code works for 30 minutes: long enough to walk the hall, short enough not to linger. */
export const TEST_SCAN_LIFETIME_MS = 30 * 60 * 1000;

export type TestScanRow = typeof testScans.$inferSelect;

export async function createTestScan(db: Db, userId: string, now: number): Promise<TestScanRow> {
  // Old test codes are of no use to anyone: tidied here, no scheduler needed on either runtime.
  await db.delete(testScans).where(lt(testScans.createdAt, new Date(now - TEST_SCAN_LIFETIME_MS)));
  const row: TestScanRow = { id: newId(), token: newToken(), createdBy: userId, createdAt: new Date(now), reachedAt: null, browser: null, os: null, secure: null, rttMs: null };
  await db.insert(testScans).values(row);
  return row;
}

/** The live test scan of this token, or null when unknown or expired. */
export async function findLiveTestScan(db: Db, token: string, now: number): Promise<TestScanRow | null> {
  const [row] = await db.select().from(testScans).where(and(eq(testScans.token, token), gt(testScans.createdAt, new Date(now - TEST_SCAN_LIFETIME_MS))));
  return row ?? null;
}

/**
 * A phone opened the test code: remember when and with which browser. Link previewers
 * (Zalo and Facebook fetch a pasted link) are not phones and are not recorded.
 */
export async function markReached(db: Db, row: TestScanRow, userAgent: string | undefined, now: number): Promise<boolean> {
  const client = classifyClient(userAgent);
  if (client.isBot) return false;
  await db.update(testScans).set({ reachedAt: new Date(now), browser: client.browser, os: client.os, secure: null, rttMs: null }).where(eq(testScans.id, row.id));
  return true;
}

export async function recordProbe(db: Db, row: TestScanRow, probe: { rttMs: number; secure: boolean }): Promise<void> {
  await db.update(testScans).set({ rttMs: Math.round(probe.rttMs), secure: probe.secure }).where(eq(testScans.id, row.id));
}

export const toTestScanView = (row: TestScanRow, baseUrl: string): TestScanView => ({
  id: row.id,
  url: `${baseUrl}/t/${row.token}`,
  createdAt: row.createdAt.toISOString(),
  expiresAt: new Date(row.createdAt.getTime() + TEST_SCAN_LIFETIME_MS).toISOString(),
  reachedAt: row.reachedAt?.toISOString() ?? null,
  browser: row.browser,
  os: row.os,
  secure: row.secure,
  rttMs: row.rttMs,
});

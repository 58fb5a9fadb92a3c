import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { appSettings } from '../db/schema';

const KEY = 'base_url';

/** The base URL an admin set in the console, if any. */
export async function readStoredBaseUrl(db: Db): Promise<string | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY));
  return row?.value ?? null;
}

/** Stores (or, with null, forgets) the base URL the codes encode. */
export async function writeStoredBaseUrl(db: Db, url: string | null, now: number): Promise<void> {
  if (url === null) {
    await db.delete(appSettings).where(eq(appSettings.key, KEY));
    return;
  }
  await db.insert(appSettings).values({ key: KEY, value: url, updatedAt: new Date(now) })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: url, updatedAt: new Date(now) } });
}

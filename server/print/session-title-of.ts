import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { sessions } from '../db/schema';

/** A session's title, for the PDF's file name when the sheets hold that one session only. */
export async function sessionTitleOf(db: Db, meetingId: string, sessionId: string): Promise<string | null> {
  const [row] = await db.select({ title: sessions.title }).from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.meetingId, meetingId)));
  return row?.title ?? null;
}

import { sql } from 'drizzle-orm';
import { accessEvents, codes } from '../db/schema';

/**
 * The row an access event counts under in the report: the session of the CODE it came
 * through (null: the meeting-wide code), for views and opens alike. A meeting-code page
 * shows the whole agenda, so its views cannot be split by session; its opens are counted
 * with them, on the meeting code's own row, never under the document's session (which
 * gave rows like "Phiên thảo luận tổ 2 · 0 lượt xem" with opens). Queries using it join
 * `codes` on the event's code; a code deleted with its session leaves the event's session.
 */
export const eventScope = sql<string | null>`case when ${codes.id} is not null then ${codes.sessionId} else ${accessEvents.sessionId} end`;

import { and, asc, eq } from 'drizzle-orm';
import { codeUrl } from '../codes/code-view';
import type { Db } from '../db/database';
import { codes, sessions } from '../db/schema';
import type { MeetingRow } from '../auth/authorize';
import type { SheetCard } from './types';

export interface SheetSelection {
  /** Sessions to print (agenda order is kept); all sessions when absent. */
  sessionIds?: string[];
  /** 'primary': each session's main code; 'labels': only its labelled variants; 'all': both. */
  variants: 'primary' | 'labels' | 'all';
  /** Put the meeting-wide code first. */
  includeMeeting: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "08:00 – 11:30, 01/12/2026" in the meeting's timezone (Vietnamese order: time, then day/month/year). */
export function formatWhen(start: Date | null, end: Date | null, timezone: string): string | undefined {
  if (!start) return undefined;
  const parts = (d: Date) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' }).formatToParts(d).map((p) => [p.type, p.value]));
  const a = parts(start);
  const time = `${pad(Number(a.hour))}:${a.minute}${end ? ` – ${parts(end).hour}:${parts(end).minute}` : ''}`;
  return `${time}, ${a.day}/${a.month}/${a.year}`;
}

/** The cards to print for a meeting, in agenda order (labelled variants in label order). */
export async function buildSheetCards(db: Db, meeting: MeetingRow, selection: SheetSelection, baseUrl: string): Promise<SheetCard[]> {
  const agenda = await db.select().from(sessions).where(eq(sessions.meetingId, meeting.id)).orderBy(asc(sessions.position), asc(sessions.createdAt));
  const chosen = selection.sessionIds ? agenda.filter((s) => selection.sessionIds!.includes(s.id)) : agenda;
  const active = await db.select().from(codes).where(and(eq(codes.meetingId, meeting.id), eq(codes.status, 'active'))).orderBy(asc(codes.createdAt));
  const byLabel = (a: { label: string | null }, b: { label: string | null }) => (a.label ?? '').localeCompare(b.label ?? '', 'vi', { numeric: true });
  const wanted = (label: string | null) => (selection.variants === 'all' ? true : selection.variants === 'labels' ? label !== null : label === null);

  const cards: SheetCard[] = [];
  const base = { meetingTitle: meeting.title };
  if (selection.includeMeeting) {
    for (const code of active.filter((c) => c.sessionId === null && wanted(c.label)).sort(byLabel)) {
      cards.push({ ...base, codeId: code.id, url: codeUrl(baseUrl, code.token), ...(code.label && { label: code.label }) });
    }
  }
  for (const session of chosen) {
    for (const code of active.filter((c) => c.sessionId === session.id && wanted(c.label)).sort(byLabel)) {
      cards.push({
        ...base,
        codeId: code.id,
        url: codeUrl(baseUrl, code.token),
        sessionTitle: session.title,
        ...(session.startsAt && { when: formatWhen(session.startsAt, session.endsAt, meeting.timezone) }),
        ...(session.room && { room: session.room }),
        ...(code.label && { label: code.label }),
      });
    }
  }
  return cards;
}


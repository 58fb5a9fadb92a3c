import { and, asc, eq } from 'drizzle-orm';
import { codeUrl } from '../codes/code-view';
import type { Db } from '../db/database';
import { codes, sessions } from '../db/schema';
import type { MeetingRow } from '../auth/authorize';
import { viewingWindowOf, type ViewingWindow } from '../../shared/viewing-window';
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

/**
 * The viewing window as a sheet prints it, in the meeting's timezone: "Xem tài liệu từ 08:00
 * đến 17:00 ngày 01/12/2026" (one day), "Xem tài liệu từ 08:00 ngày 01/12/2026 đến 17:00 ngày
 * 02/12/2026", or one side alone; undefined without a window. A delegate at the table then
 * knows when the code opens its documents before scanning it.
 */
export function formatViewingWindow(window: ViewingWindow, timezone: string): string | undefined {
  const parts = (ms: number) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' }).formatToParts(ms).map((p) => [p.type, p.value]));
  const time = (p: Record<string, string>) => `${pad(Number(p.hour))}:${p.minute}`;
  const day = (p: Record<string, string>) => `ngày ${p.day}/${p.month}/${p.year}`;
  const from = window.opensAt === null ? null : parts(window.opensAt);
  const to = window.closesAt === null ? null : parts(window.closesAt);
  if (from && to) {
    return day(from) === day(to)
      ? `Xem tài liệu từ ${time(from)} đến ${time(to)} ${day(to)}`
      : `Xem tài liệu từ ${time(from)} ${day(from)} đến ${time(to)} ${day(to)}`;
  }
  if (from) return `Xem tài liệu từ ${time(from)} ${day(from)}`;
  if (to) return `Xem tài liệu đến ${time(to)} ${day(to)}`;
  return undefined;
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
  // Each code's window: the meeting's, narrowed by the code's own.
  const windowOf = (code: (typeof active)[number]) => {
    const text = formatViewingWindow(viewingWindowOf(meeting, code), meeting.timezone);
    return text ? { window: text } : {};
  };
  if (selection.includeMeeting) {
    for (const code of active.filter((c) => c.sessionId === null && wanted(c.label)).sort(byLabel)) {
      cards.push({ ...base, codeId: code.id, url: codeUrl(baseUrl, code.token), ...windowOf(code), ...(code.label && { label: code.label }) });
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
        ...windowOf(code),
        ...(code.label && { label: code.label }),
      });
    }
  }
  return cards;
}


// The viewing window's one rule, shared by the delegate pages (server/delegate/viewing-window.ts)
// and the printed sheets (server/print/sheet-cards.ts), which must agree on it.

/** When delegates may see a code's documents: the meeting's window narrowed by the code's own. */
export interface ViewingWindow {
  /** ms since the epoch; null: no bound on that side. */
  opensAt: number | null;
  closesAt: number | null;
  /** The organizer's note on the closed page. */
  note: string;
}

type Bounds = { opensAt: Date | null; closesAt: Date | null };

/** The later start and the earlier end of the meeting's and the code's windows. */
export function viewingWindowOf(meeting: Bounds & { closedNote: string }, code: Bounds): ViewingWindow {
  const later = (a: Date | null, b: Date | null) => (a && b ? Math.max(a.getTime(), b.getTime()) : (a ?? b)?.getTime() ?? null);
  const earlier = (a: Date | null, b: Date | null) => (a && b ? Math.min(a.getTime(), b.getTime()) : (a ?? b)?.getTime() ?? null);
  return { opensAt: later(meeting.opensAt, code.opensAt), closesAt: earlier(meeting.closesAt, code.closesAt), note: meeting.closedNote };
}

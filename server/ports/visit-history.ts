/**
 * When a device's previous visit to a meeting ended (for the page's "new" / "updated" badges,
 * delegate/answer-seen.ts). Absent from AppDeps: read from the access log at each ask
 * (delegate/previous-visit.ts). A meeting's Durable Object keeps the answers in memory
 * (delegate/remembered-visits.ts), since every view of the meeting passes through it.
 */
export interface VisitHistory {
  /** The end (ms) of the device's visit before the one `now` belongs to; null for its first visit. */
  previousVisitEnd(meetingId: string, deviceId: string, now: number): Promise<number | null>;
}

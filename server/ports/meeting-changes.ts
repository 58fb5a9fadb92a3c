/**
 * Where the news of an organizer's change goes when the delegate pages are not only in this
 * process's memory. On Node nothing is handed in: the memory page cache is cleared and that
 * is all. On Workers each meeting's Durable Object holds its pages, so the Worker tells those
 * objects (runtime/workers/meeting-object.ts) before the organizer gets an answer.
 */
export interface MeetingChanges {
  /** Resolves once every named meeting's cached pages are gone. */
  meetingsChanged(meetingIds: readonly string[]): Promise<void>;
}

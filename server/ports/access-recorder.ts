import type { accessEvents } from '../db/schema';

export type AccessEventInput = typeof accessEvents.$inferInsert;

/**
 * Where page views and document opens go. Recording never delays the delegate's
 * response. Implementations: access/access-recorder.ts (batching, direct).
 */
export interface AccessRecorder {
  /** Queues or writes an event; a returned promise is left to the runtime (waitUntil). */
  record(event: AccessEventInput): void | Promise<void>;
  /**
   * Writes everything queued; called before reading stats (with the meeting read, so a
   * runtime that queues per meeting flushes that one) and at shutdown.
   */
  flush(meetingId?: string): Promise<void>;
}

/** Writes a batch of events all-or-nothing (Node hands in a prepared better-sqlite3 statement). */
export type AccessEventWriter = (batch: AccessEventInput[]) => void | Promise<void>;

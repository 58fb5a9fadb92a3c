import type { SessionView } from '../../shared/api-contract';
import type { sessions } from '../db/schema';

/** A session as the API shows it (the PIN itself never leaves the server: only whether there is one). */
export function toSessionView(s: typeof sessions.$inferSelect): SessionView {
  return {
    id: s.id,
    meetingId: s.meetingId,
    title: s.title,
    position: s.position,
    startsAt: s.startsAt?.toISOString() ?? null,
    endsAt: s.endsAt?.toISOString() ?? null,
    room: s.room,
    hasPin: s.pinHash !== null,
  };
}

import { eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/login-sessions';
import type { MeetingRow } from '../auth/authorize';
import { auditStatement } from '../audit/record-audit';
import { runBatch, type Db } from '../db/database';
import { meetings } from '../db/schema';
import { DomainError, invalid } from '../domain-error';
import { SNIFF_BYTES, sniffType } from '../documents/sniff-type';
import { newId } from '../ids';
import type { ObjectStore } from '../storage/object-store';

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

// Under the store's `logos/` prefix, which the orphan sweep covers (storage/sweep-orphans.ts).
export const logoKeyFor = (meetingId: string) => `logos/${meetingId}/${newId()}`;

/** PNG or JPEG by the file's first bytes (the documents' magic-byte check), or null. */
export function sniffLogo(bytes: Uint8Array): 'png' | 'jpg' | null {
  const type = sniffType(bytes.subarray(0, SNIFF_BYTES), '', bytes.length <= SNIFF_BYTES);
  if (type?.contentType === 'image/png') return 'png';
  if (type?.contentType === 'image/jpeg') return 'jpg';
  return null;
}

interface LogoDeps {
  db: Db;
  store: ObjectStore;
  now: () => number;
}

/**
 * Stores the logo printed on the meeting's sheets. The object is written first and the
 * meeting row and audit entry after, in one batch; the previous logo goes once the row
 * points at the new one. If the row cannot be written the new object is removed (and
 * the orphan sweep would catch it if even that failed).
 */
export async function setMeetingLogo(deps: LogoDeps, user: SessionUser, meeting: MeetingRow, bytes: Uint8Array): Promise<void> {
  if (bytes.length > MAX_LOGO_BYTES) throw new DomainError('file_too_large', 'The logo must be at most 2 MB');
  const type = sniffLogo(bytes);
  if (!type) throw new DomainError('unsupported_type', 'The logo must be a PNG or JPEG image');
  const { db, store, now } = deps;
  const key = logoKeyFor(meeting.id);
  await store.put(key, new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), { contentType: type === 'png' ? 'image/png' : 'image/jpeg' });
  try {
    await runBatch(db, [
      db.update(meetings).set({ logoKey: key, updatedAt: new Date(now()) }).where(eq(meetings.id, meeting.id)),
      auditStatement(db, { userId: user.id, meetingId: meeting.id, action: 'meeting.logo', target: meeting.id }, now()),
    ]);
  } catch (error) {
    await store.delete(key).catch(() => {});
    throw error;
  }
  if (meeting.logoKey) await store.delete(meeting.logoKey).catch(() => {}); // best effort: the sweep takes what is left
}

/** Removes the sheet logo: the row and audit entry in one batch, then the object (best effort). */
export async function removeMeetingLogo(deps: LogoDeps, user: SessionUser, meeting: MeetingRow): Promise<void> {
  if (!meeting.logoKey) throw invalid('This meeting has no logo');
  const { db, store, now } = deps;
  await runBatch(db, [
    db.update(meetings).set({ logoKey: null, updatedAt: new Date(now()) }).where(eq(meetings.id, meeting.id)),
    auditStatement(db, { userId: user.id, meetingId: meeting.id, action: 'meeting.logo.remove', target: meeting.id }, now()),
  ]);
  await store.delete(meeting.logoKey).catch(() => {});
}

/** The stored logo's bytes and type, for the sheets; null when there is none or it is unreadable as PNG/JPEG. */
export async function readMeetingLogo(store: ObjectStore, meeting: MeetingRow): Promise<{ bytes: Uint8Array; type: 'png' | 'jpg' } | null> {
  if (!meeting.logoKey) return null;
  const object = await store.get(meeting.logoKey);
  if (!object) return null;
  const bytes = new Uint8Array(await new Response(object.body).arrayBuffer());
  const type = sniffLogo(bytes);
  return type ? { bytes, type } : null;
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { MeetingDetailView, MeetingView } from '../../shared/api-contract';
import type { MeetingInput } from '../../shared/schemas';
import type { SessionUser } from '../auth/login-sessions';
import { auditStatement } from '../audit/record-audit';
import { newCode } from '../codes/code-statements';
import { toCodeView } from '../codes/code-view';
import { runBatch, type Db } from '../db/database';
import { codes, documentVersions, documents, meetingMembers, meetings, sessionDocuments, sessions } from '../db/schema';
import { confidentialRefusal, deleteObjects } from '../documents/change-document';
import { documentViews } from '../documents/document-view';
import { newId } from '../ids';
import { toSessionView } from '../sessions/session-view';
import type { ObjectStore } from '../storage/object-store';
import type { MeetingRow } from '../auth/authorize';
import { checkWindowOrder } from '../codes/check-window-order';

export function toMeetingView(m: MeetingRow): MeetingView {
  return {
    id: m.id,
    title: m.title,
    venue: m.venue,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    timezone: m.timezone,
    status: m.status,
    organizer: m.organizer,
    hasLogo: m.logoKey !== null,
    opensAt: m.opensAt?.toISOString() ?? null,
    closesAt: m.closesAt?.toISOString() ?? null,
    closedNote: m.closedNote,
    expectedDelegates: m.expectedDelegates,
    labelledCopies: m.labelledCopies,
    publishedAt: m.publishedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** Creates a meeting with its meeting-wide code; the creator becomes a member. */
export async function createMeeting(db: Db, user: SessionUser, input: MeetingInput, now: number) {
  const at = new Date(now);
  const row: MeetingRow = {
    id: newId(), title: input.title, venue: input.venue ?? '', startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null,
    timezone: input.timezone ?? 'Asia/Ho_Chi_Minh', status: 'draft', publishedAt: null, organizer: input.organizer ?? '', logoKey: null, labelledCopies: false,
    opensAt: input.opensAt ? new Date(input.opensAt) : null, closesAt: input.closesAt ? new Date(input.closesAt) : null,
    closedNote: input.closedNote ?? '', expectedDelegates: input.expectedDelegates ?? null, createdBy: user.id, createdAt: at, updatedAt: at,
  };
  const code = newCode(db, { meetingId: row.id, sessionId: null, label: null }, now);
  await runBatch(db, [
    db.insert(meetings).values(row),
    db.insert(meetingMembers).values({ meetingId: row.id, userId: user.id, addedAt: at }),
    code.statement,
    auditStatement(db, { userId: user.id, meetingId: row.id, action: 'meeting.create', target: row.id, detail: { title: row.title } }, now),
  ]);
  return row;
}

/** Meetings this user may manage: upcoming and current first, archived last. */
export async function listMeetings(db: Db, user: SessionUser) {
  const base = db.select().from(meetings);
  const rows = user.role === 'admin'
    ? await base
    : await base.where(inArray(meetings.id, db.select({ id: meetingMembers.meetingId }).from(meetingMembers).where(eq(meetingMembers.userId, user.id))));
  const rank = (m: MeetingRow) => (m.status === 'archived' ? 1 : 0);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.startsOn ?? '9999').localeCompare(b.startsOn ?? '9999') || a.createdAt.getTime() - b.createdAt.getTime());
}

/** One meeting with its agenda, documents and codes, as the console needs it. */
export async function meetingDetail(db: Db, meeting: MeetingRow, baseUrl: string): Promise<MeetingDetailView> {
  const [sessionRows, docs, codeRows, links] = await Promise.all([
    db.select().from(sessions).where(eq(sessions.meetingId, meeting.id)).orderBy(asc(sessions.position), asc(sessions.createdAt)),
    documentViews(db, { meetingId: meeting.id }),
    db.select().from(codes).where(and(eq(codes.meetingId, meeting.id), eq(codes.status, 'active'))).orderBy(asc(codes.createdAt)),
    db.select({ sessionId: sessionDocuments.sessionId, documentId: sessionDocuments.documentId, position: sessionDocuments.position })
      .from(sessionDocuments).innerJoin(sessions, eq(sessions.id, sessionDocuments.sessionId))
      .where(eq(sessions.meetingId, meeting.id)).orderBy(asc(sessionDocuments.position)),
  ]);
  const codeViews = codeRows.map((c) => toCodeView(c, baseUrl));
  return {
    meeting: toMeetingView(meeting),
    sessions: sessionRows.map((s) => ({
      ...toSessionView(s),
      documentIds: links.filter((l) => l.sessionId === s.id).map((l) => l.documentId),
      codes: codeViews.filter((c) => c.sessionId === s.id),
    })),
    documents: docs,
    codes: codeViews.filter((c) => c.sessionId === null),
  };
}

export interface MeetingChange extends Partial<MeetingInput> {
  status?: 'draft' | 'published' | 'archived';
}

export async function updateMeeting(db: Db, user: SessionUser, meeting: MeetingRow, change: MeetingChange, now: number) {
  if (change.status === 'published' && meeting.status !== 'published') {
    // Publishing exposes every attached document: refuse while a confidential one is attached.
    const [secret] = await db
      .select({ title: documents.title })
      .from(sessionDocuments)
      .innerJoin(sessions, eq(sessions.id, sessionDocuments.sessionId))
      .innerJoin(documents, eq(documents.id, sessionDocuments.documentId))
      .where(and(eq(sessions.meetingId, meeting.id), eq(documents.confidential, true)))
      .limit(1);
    if (secret) throw confidentialRefusal(secret.title);
  }
  // A patch may move one end only: the window it leaves must still be in order.
  const opensAt = change.opensAt !== undefined ? change.opensAt : meeting.opensAt?.toISOString() ?? null;
  const closesAt = change.closesAt !== undefined ? change.closesAt : meeting.closesAt?.toISOString() ?? null;
  checkWindowOrder(opensAt, closesAt);
  const { opensAt: _o, closesAt: _c, ...rest } = change;
  const set = {
    ...rest,
    ...(change.opensAt !== undefined && { opensAt: change.opensAt ? new Date(change.opensAt) : null }),
    ...(change.closesAt !== undefined && { closesAt: change.closesAt ? new Date(change.closesAt) : null }),
    updatedAt: new Date(now),
    ...(change.status === 'published' && !meeting.publishedAt && { publishedAt: new Date(now) }),
  };
  await runBatch(db, [
    db.update(meetings).set(set).where(eq(meetings.id, meeting.id)),
    auditStatement(db, { userId: user.id, meetingId: meeting.id, action: 'meeting.update', target: meeting.id, detail: { ...change } }, now),
  ]);
  const [updated] = await db.select().from(meetings).where(eq(meetings.id, meeting.id));
  return updated!;
}

/** Deletes the meeting and everything in it, then its stored files. */
export async function deleteMeeting(db: Db, store: ObjectStore, user: SessionUser, meeting: MeetingRow, now: number) {
  const keys = await db
    .select({ key: documentVersions.storageKey })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(eq(documents.meetingId, meeting.id));
  await runBatch(db, [
    db.delete(meetings).where(eq(meetings.id, meeting.id)),
    auditStatement(db, { userId: user.id, meetingId: null, action: 'meeting.delete', target: meeting.id, detail: { title: meeting.title } }, now),
  ]);
  await deleteObjects(store, [...keys.map((k) => k.key), ...(meeting.logoKey ? [meeting.logoKey] : [])]);
}

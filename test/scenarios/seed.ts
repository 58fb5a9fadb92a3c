/**
 * Seed helpers for the API scenarios: each case builds the meeting, sessions and
 * documents it needs through the public API, so any case can run alone
 * (`npx vitest run test/core-api.test.ts -t '<name>'`) and a failure stays in its case.
 */
import { expect } from 'vitest';
import type { ApiClient } from '../support/api-client';
import { makePdf } from '../support/sample-files';

export const PASSWORD = 'correct horse battery';
export const VI_NAME = 'Báo cáo tổng kết năm 2026 – Nghị quyết.pdf';

export interface SeededMeeting {
  meetingId: string;
  /** The meeting-wide code's token (the whole agenda). */
  meetingToken: string;
}

export interface SeededSession {
  sessionId: string;
  sessionToken: string;
  sessionCodeId: string;
}

/** A draft meeting with its own code. */
export async function seedMeeting(client: ApiClient, title = 'Hội nghị Ban Chấp hành Đảng bộ huyện'): Promise<SeededMeeting> {
  const created = await client.post('/api/meetings', { title, venue: 'Hội trường UBND' });
  expect(created.status).toBe(201);
  return { meetingId: created.body.meeting.id, meetingToken: created.body.codes[0].token };
}

/** A session of the meeting, with its code. */
export async function seedSession(client: ApiClient, meetingId: string, title = 'Phiên 1: Báo cáo chính trị'): Promise<SeededSession> {
  const s = await client.post(`/api/meetings/${meetingId}/sessions`, { title, room: 'A1', startsAt: '2026-12-01T08:00:00+07:00' });
  expect(s.status).toBe(201);
  const codes = await client.get(`/api/sessions/${s.body.session.id}/codes`);
  return { sessionId: s.body.session.id, sessionToken: codes.body.codes[0].token, sessionCodeId: codes.body.codes[0].id };
}

/** One uploaded document (a PDF by default), attached to the session when one is given. */
export async function seedDocument(client: ApiClient, meetingId: string, options: { sessionId?: string; name?: string; bytes?: Uint8Array } = {}): Promise<string> {
  const up = await client.upload(`/api/meetings/${meetingId}/documents`, [{ name: options.name ?? VI_NAME, bytes: options.bytes ?? makePdf('Nghi quyet', 64 * 1024), type: 'application/pdf' }], options.sessionId ? { sessionId: options.sessionId } : {});
  expect(up.status).toBe(201);
  return up.body.documents[0].id;
}

export async function publish(client: ApiClient, meetingId: string): Promise<void> {
  expect((await client.patch(`/api/meetings/${meetingId}`, { status: 'published' })).status).toBe(200);
}

/** A published meeting with one session and one document on it: what delegates read. */
export async function seedPublishedSession(client: ApiClient, options: { bytes?: Uint8Array } = {}) {
  const meeting = await seedMeeting(client);
  const session = await seedSession(client, meeting.meetingId);
  const docId = await seedDocument(client, meeting.meetingId, { sessionId: session.sessionId, ...(options.bytes && { bytes: options.bytes }) });
  await publish(client, meeting.meetingId);
  return { ...meeting, ...session, docId };
}

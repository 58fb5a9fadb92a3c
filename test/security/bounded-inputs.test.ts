// Finding 6: session times could span year 0000 to 9999; /stats then built 521,776 timeline
// points (41 MB) and stalled the server. Dates are now within 2000–2100, and the timeline never
// has more than 60 points whatever the stored span (older rows included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDelegateApp, type DelegateApp } from '../delegate/delegate-harness';

describe('bounded organizer inputs (finding 6)', () => {
  let h: DelegateApp;
  let meeting: { id: string; token: string };
  beforeAll(async () => {
    h = await makeDelegateApp();
    meeting = await h.meeting('Hội nghị');
  });
  afterAll(() => h.close());

  it('refuses session, release and meeting dates outside 2000–2100', async () => {
    const refused = [
      ['POST', `/api/meetings/${meeting.id}/sessions`, { title: 'Phiên', startsAt: '0000-01-01T00:00:00Z' }],
      ['POST', `/api/meetings/${meeting.id}/sessions`, { title: 'Phiên', endsAt: '9999-12-31T23:59:59Z' }],
      ['POST', `/api/meetings/${meeting.id}/sessions`, { title: 'Phiên', startsAt: '1999-12-31T23:59:59Z' }],
      ['PATCH', `/api/meetings/${meeting.id}`, { startsOn: '0001-01-01' }],
      ['PATCH', `/api/meetings/${meeting.id}`, { endsOn: '2101-01-01' }],
    ] as const;
    for (const [method, path, body] of refused) {
      const r = await h.admin.json(method, path, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.message).toMatch(/2000.*2100/);
    }
    const ok = await h.admin.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên sáng', startsAt: '2026-12-01T08:00:00+07:00', endsAt: '2026-12-01T11:30:00+07:00' });
    expect(ok.status).toBe(201);
  });

  it('keeps the timeline to at most 60 points for a 10,000-year span already stored', async () => {
    const s = await h.session(meeting.id, { title: 'Phiên cũ' });
    await h.publish(meeting.id);
    // What an older version let through, written straight into the database.
    h.db.sqlite.prepare('update sessions set starts_at = ?, ends_at = ? where id = ?').run(Date.parse('0000-01-01T00:00:00Z'), Date.parse('9999-12-31T00:00:00Z'), s.id);
    expect((await h.phone().fetch(`/s/${s.token}`)).status).toBe(200);
    const started = performance.now();
    const stats = await h.stats(meeting.id);
    const ms = performance.now() - started;
    expect(stats.timeline.points.length).toBeLessThanOrEqual(60);
    expect(stats.timeline.points.length).toBeGreaterThan(1);
    expect(stats.timeline.points.reduce((n: number, p: { views: number }) => n + p.views, 0)).toBe(1);
    expect(ms).toBeLessThan(1000);
  });
});

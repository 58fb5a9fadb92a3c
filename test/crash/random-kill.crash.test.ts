import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { inspectDataDir } from '../support/inspect-data';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'crash-rounds-password' };
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 6);

const countViews = (dataDir: string) => {
  const db = new Database(join(dataDir, 'qrhop.db'), { readonly: true });
  try {
    return (db.prepare("select count(*) as n from access_events where kind = 'view'").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** An organizer logged in to this server process (before the kill is timed: on a loaded machine a login can outlast it). */
async function loggedIn(server: RunningServer) {
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  return api;
}

/** Uploads, edits and delegate views in parallel until `signal` says stop. Returns acknowledged view count. */
async function workload(server: RunningServer, api: ApiClient, meetingId: string, sessionId: string, token: string, until: () => boolean) {
  let views = 0;
  let n = 0;
  const swallow = (p: Promise<unknown>) => p.catch(() => undefined);
  const uploader = async () => {
    while (!until()) await swallow(api.upload(`/api/meetings/${meetingId}/documents`, [{ name: `Tài liệu ${n++}.pdf`, bytes: makePdf(`doc ${n}`, 20_000 + (n % 7) * 150_000) }], { sessionId }));
  };
  const editor = async () => {
    while (!until()) await swallow(api.patch(`/api/sessions/${sessionId}`, { title: `Phiên 1 (sửa ${n++})` }));
  };
  const viewer = async (device: number) => {
    while (!until()) {
      try {
        const res = await fetch(`${server.url}/s/${token}`, { headers: { cookie: `qrhop_d=device-${device}-abcdefghijklmnop` } });
        await res.text();
        if (res.status === 200) views++;
      } catch {
        // the process died under us
      }
    }
  };
  await Promise.all([uploader(), uploader(), editor(), ...Array.from({ length: 6 }, (_, i) => viewer(i))]);
  return views;
}

describe('SIGKILL at random points under load', () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.kill();
  });

  it(`keeps every invariant across ${ROUNDS} kills, and loses no acknowledged event on a normal stop`, async () => {
    server = await startServer(ADMIN);
    const dataDir = server.dataDir;
    const api = new ApiClient((path, init) => fetch(server!.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const meeting = (await api.post('/api/meetings', { title: 'Đại hội đại biểu' })).body.meeting;
    const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên 1' })).body.session;
    await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
    const token = (await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token;

    const report: string[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const organizer = await loggedIn(server);
      const killAt = Date.now() + 300 + Math.floor(Math.random() * 1500);
      const before = countViews(dataDir);
      const running = workload(server, organizer, meeting.id, session.id, token, () => Date.now() > killAt + 200);
      await new Promise((r) => setTimeout(r, killAt - Date.now()));
      await server.kill();
      const acknowledged = await running;
      const state = inspectDataDir(dataDir);
      expect(state.integrity).toBe('ok');
      expect(state.broken).toEqual([]);
      const recorded = countViews(dataDir) - before;
      expect(recorded).toBeLessThanOrEqual(acknowledged);
      report.push(`round ${round}: ${state.versions.length} versions intact, ${acknowledged} views acknowledged, ${recorded} recorded (${acknowledged - recorded} in the unflushed window)`);
      server = await startServer(ADMIN, { dataDir });
      expect(inspectDataDir(dataDir).tmpFiles).toEqual([]);
    }

    // A normal stop (SIGTERM) flushes the queue: every acknowledged view is in the database.
    const before = countViews(dataDir);
    const organizer = await loggedIn(server);
    const stopAt = Date.now() + 1000;
    const acknowledged = await workload(server, organizer, meeting.id, session.id, token, () => Date.now() > stopAt);
    expect(await server.stop()).toBe(0);
    expect(countViews(dataDir) - before).toBe(acknowledged);
    report.push(`normal stop: ${acknowledged} views acknowledged, all recorded`);
    server = await startServer(ADMIN, { dataDir });
    expect(inspectDataDir(dataDir).broken).toEqual([]);
    console.log(report.join('\n'));
  });
});

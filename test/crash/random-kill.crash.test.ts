import Database from 'better-sqlite3';
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { inspectDataDir } from '../support/inspect-data';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'crash-rounds-password' };
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 6);
// Kill times come from a seed, so a failing round can be replayed: CRASH_SEED=<printed seed> npm run test:crash.
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);

// The README: "a hard kill can lose at most the events of the last 250 ms (at most 2,000)".
const FLUSH_INTERVAL_MS = 250;
const MAX_LOST = 2000;
// How late the server's flush timer may fire on this loaded two-core machine (event-loop lag under uploads).
const TIMER_LAG_MS = 500;

const countViews = (dataDir: string) => {
  const db = new Database(join(dataDir, 'qrhop.db'), { readonly: true });
  try {
    return (db.prepare("select count(*) as n from access_events where kind = 'view'").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Uploads, edits and delegate views in parallel until `until` says stop. Fills `acks` with when each view was acknowledged (ms). */
async function workload(server: RunningServer, meetingId: string, sessionId: string, token: string, until: () => boolean, acks: number[] = []) {
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
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
        if (res.status === 200) acks.push(Date.now());
      } catch {
        // the process died under us
      }
    }
  };
  await Promise.all([uploader(), uploader(), editor(), ...Array.from({ length: 6 }, (_, i) => viewer(i))]);
  return acks;
}

/** Waits until the workload's first view is answered (a restarted server on a loaded machine takes a moment). */
async function firstAck(acks: number[]) {
  for (const deadline = Date.now() + 30_000; acks.length === 0; await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > deadline) throw new Error('no view answered within 30 s');
  }
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

    const report: string[] = [`seed ${SEED} (replay: CRASH_SEED=${SEED})`];
    // Each round kills 1.5 to 3 s after the first view is answered: well past one flush interval and its lag.
    const loadTimes = fc.sample(fc.integer({ min: 1500, max: 3000 }), { seed: SEED, numRuns: ROUNDS });
    let outsideWindow = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const before = countViews(dataDir);
      const acks: number[] = [];
      let killedAt = Infinity;
      const running = workload(server, meeting.id, session.id, token, () => Date.now() > killedAt + 200, acks);
      await firstAck(acks);
      await new Promise((r) => setTimeout(r, loadTimes[round - 1]!));
      killedAt = Date.now();
      await server.kill();
      await running;
      const state = inspectDataDir(dataDir);
      expect(state.integrity).toBe('ok');
      expect(state.broken).toEqual([]);
      const recorded = countViews(dataDir) - before;
      const acknowledged = acks.length;
      // Only views acknowledged within the last flush interval (plus the timer's lag) may be missing.
      const inLastInterval = acks.filter((t) => t >= killedAt - FLUSH_INTERVAL_MS - TIMER_LAG_MS).length;
      outsideWindow += acknowledged - inLastInterval;
      const what = `round ${round} (seed ${SEED}): ${acknowledged} acknowledged, ${recorded} recorded, ${inLastInterval} in the last ${FLUSH_INTERVAL_MS} + ${TIMER_LAG_MS} ms`;
      expect(recorded, what).toBeLessThanOrEqual(acknowledged); // none invented
      expect(acknowledged - recorded, what).toBeLessThanOrEqual(Math.min(inLastInterval, MAX_LOST)); // none lost beyond the bound
      report.push(`round ${round}: ${state.versions.length} versions intact, ${acknowledged} views acknowledged, ${recorded} recorded (${acknowledged - recorded} lost; bound ${inLastInterval} acknowledged in the last ${FLUSH_INTERVAL_MS} + ${TIMER_LAG_MS} ms)`);
      server = await startServer(ADMIN, { dataDir });
      expect(inspectDataDir(dataDir).tmpFiles).toEqual([]);
    }

    // The rounds did test the bound: views were acknowledged before the last interval, and had to be recorded.
    expect(outsideWindow).toBeGreaterThan(0);

    // A normal stop (SIGTERM) flushes the queue: every acknowledged view is in the database.
    const before = countViews(dataDir);
    const acks: number[] = [];
    let stopAt = Infinity;
    const running = workload(server, meeting.id, session.id, token, () => Date.now() > stopAt, acks);
    await firstAck(acks);
    stopAt = Date.now() + 1000;
    const acknowledged = (await running).length;
    expect(acknowledged).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);
    expect(countViews(dataDir) - before).toBe(acknowledged);
    report.push(`normal stop: ${acknowledged} views acknowledged, all recorded`);
    server = await startServer(ADMIN, { dataDir });
    expect(inspectDataDir(dataDir).broken).toEqual([]);
    console.log(report.join('\n'));
  });
});

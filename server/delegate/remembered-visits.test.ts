import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDomainDb } from '../../test/support/domain-db';
import { accessEvents } from '../db/schema';
import type { AccessEventInput } from '../ports/access-recorder';
import { deviceVisits, previousVisitEnd } from './previous-visit';
import { RememberedVisits } from './remembered-visits';

const MIN = 60_000;
const START = Date.parse('2026-12-01T07:00:00+07:00');

/** A seeded random number in [0, 1): the same sequence at every run. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('RememberedVisits (the meeting object\'s visit history in memory)', () => {
  let env: Awaited<ReturnType<typeof makeDomainDb>>;
  beforeAll(async () => {
    env = await makeDomainDb();
  });
  afterAll(() => env.close());

  const view = (meetingId: string, deviceId: string, at: number): AccessEventInput => ({ at: new Date(at), kind: 'view', meetingId, codeId: 'c', deviceId });

  it('answers every ask as the access log would, reading the log once per device', async () => {
    const meetingId = 'm-random';
    const loads: string[] = [];
    const visits = new RememberedVisits((m, d, now) => {
      loads.push(d);
      return deviceVisits(env.db, m, d, now);
    });
    const random = seeded(20261201);
    const devices = ['phone-a', 'phone-b', 'phone-c'];
    const clock = new Map(devices.map((d) => [d, START]));
    let asks = 0;
    let withPrevious = 0;
    for (let step = 0; step < 240; step++) {
      const device = devices[Math.floor(random() * devices.length)]!;
      // Mostly reloads within a visit (1–20 min apart), sometimes a return after 31 min to 3 h.
      const gap = random() < 0.25 ? 31 * MIN + Math.floor(random() * 150 * MIN) : MIN + Math.floor(random() * 19 * MIN);
      const at = clock.get(device)! + gap;
      clock.set(device, at);
      const event = view(meetingId, device, at);
      await env.db.insert(accessEvents).values(event);
      visits.saw(event);
      // The page's script asks a moment after the view (not every load asks: no JavaScript, or gone at once).
      if (random() < 0.7) {
        const now = at + 1500;
        const expected = await previousVisitEnd(env.db, meetingId, device, now);
        expect(await visits.previousVisitEnd(meetingId, device, now)).toBe(expected);
        asks += 1;
        if (expected !== null) withPrevious += 1;
      }
    }
    expect(asks).toBeGreaterThan(100);
    expect(withPrevious).toBeGreaterThan(30); // the comparison covered devices with a previous visit
    expect(loads.sort()).toEqual(devices); // each device's history read once
  });

  it('a view still on its way to the log at the first ask changes nothing', async () => {
    const meetingId = 'm-buffered';
    const visits = new RememberedVisits((m, d, now) => deviceVisits(env.db, m, d, now));
    await env.db.insert(accessEvents).values([view(meetingId, 'p', START), view(meetingId, 'p', START + 10 * MIN)]);
    // 09:00: the phone is back; its view is in the recorder's batch, not yet in the log.
    const back = START + 2 * 60 * MIN;
    visits.saw(view(meetingId, 'p', back));
    expect(await visits.previousVisitEnd(meetingId, 'p', back + 1000)).toBe(START + 10 * MIN);
    // Reloads in that visit keep the same answer; a visit after it moves it on.
    visits.saw(view(meetingId, 'p', back + 5 * MIN));
    expect(await visits.previousVisitEnd(meetingId, 'p', back + 5 * MIN + 1000)).toBe(START + 10 * MIN);
    visits.saw(view(meetingId, 'p', back + 45 * MIN));
    expect(await visits.previousVisitEnd(meetingId, 'p', back + 45 * MIN + 1000)).toBe(back + 5 * MIN);
    // An ask with no view before it (a page the browser kept), past the gap: the visit of the last view is over.
    const kept = back + 90 * MIN;
    await env.db.insert(accessEvents).values([view(meetingId, 'p', back), view(meetingId, 'p', back + 5 * MIN), view(meetingId, 'p', back + 45 * MIN)]);
    expect(await visits.previousVisitEnd(meetingId, 'p', kept)).toBe(await previousVisitEnd(env.db, meetingId, 'p', kept));
    expect(await visits.previousVisitEnd(meetingId, 'p', kept)).toBe(back + 45 * MIN);
  });

  it('remembers at most the given number of devices, the first remembered going first', async () => {
    let loads = 0;
    const visits = new RememberedVisits(async () => {
      loads += 1;
      return { lastView: null, previousEnd: null };
    }, 2);
    for (const d of ['a', 'b', 'b', 'c', 'c']) await visits.previousVisitEnd('m', d, START);
    expect(loads).toBe(3); // a, b, c: the repeated asks were answered from memory
    await visits.previousVisitEnd('m', 'a', START); // a went when c came: read again (and b goes)
    await visits.previousVisitEnd('m', 'c', START);
    expect(loads).toBe(4);
  });
});

import type { AccessEventInput } from '../ports/access-recorder';
import type { VisitHistory } from '../ports/visit-history';
import { VISIT_GAP_MS, type DeviceVisits } from './previous-visit';

/** Devices remembered at most (the oldest asked goes first): ~100 bytes each. */
const MAX_DEVICES = 20_000;

/**
 * Visit history kept in memory by the one place that sees every view of a meeting (its
 * Durable Object on Workers): a device's history is read from the access log once, the
 * first time it asks, and then followed view by view, so a list reload costs the "what
 * changed" badges no database read. One instance serves one meeting.
 */
export class RememberedVisits implements VisitHistory {
  private readonly devices = new Map<string, DeviceVisits>();

  constructor(private readonly load: (meetingId: string, deviceId: string, now: number) => Promise<DeviceVisits>, private readonly maxDevices = MAX_DEVICES) {}

  /** Every event the meeting's recorder takes: a view extends its device's visit, or starts a new one. */
  saw(event: AccessEventInput): void {
    if (event.kind !== 'view') return;
    // A device not asked about yet: its views are read from the log when it first asks.
    const visits = this.devices.get(event.deviceId);
    if (!visits) return;
    const at = event.at instanceof Date ? event.at.getTime() : Number(event.at);
    advance(visits, at);
  }

  async previousVisitEnd(meetingId: string, deviceId: string, now: number): Promise<number | null> {
    let visits = this.devices.get(deviceId);
    if (!visits) {
      visits = await this.load(meetingId, deviceId, now);
      // Two first asks at once: the one that got here first is kept (views since went to it).
      const raced = this.devices.get(deviceId);
      if (raced) visits = raced;
      else {
        if (this.devices.size >= this.maxDevices) this.devices.delete(this.devices.keys().next().value!);
        this.devices.set(deviceId, visits);
      }
    }
    // A visit that ended without a view since (the phone came back after the gap) is the previous one.
    return visits.lastView !== null && now - visits.lastView > VISIT_GAP_MS ? visits.lastView : visits.previousEnd;
  }
}

/** A view at `at`: past the gap, the visit so far becomes the previous one. */
function advance(visits: DeviceVisits, at: number): void {
  if (visits.lastView !== null && at - visits.lastView > VISIT_GAP_MS) visits.previousEnd = visits.lastView;
  if (visits.lastView === null || at > visits.lastView) visits.lastView = at;
}

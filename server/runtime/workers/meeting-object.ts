import { DurableObject } from 'cloudflare:workers';
import { createApp, type App } from '../../app';
import type { AppDeps } from '../../app-env';
import { GuardedPageCache } from './guarded-page-cache';
import { answerOnMeetingLane } from './meeting-lane';
import { CookielessBursts } from '../../delegate/cookieless-bursts';
import { deviceVisits } from '../../delegate/previous-visit';
import { RememberedVisits } from '../../delegate/remembered-visits';
import { StorageAttemptStore } from './attempt-counter';
import { d1Of } from './d1-binding';
import { DurableEventLog } from './durable-event-log';
import type { DurableNamespace, DurableState } from './durable-types';
import { webCryptoKeyedHash } from './keyed-hash';
import { R2Store } from './r2-store';
import { parseWorkerConfig } from './worker-config';
import { dbOf, sheetFonts, type WorkerEnv } from './worker-env';

/**
 * One Durable Object per meeting (wrangler.toml binding MEETINGS, named by the meeting id):
 * the meeting's single point of coordination on Workers. Every delegate request for one of
 * the meeting's codes is answered here, by the same app code as on Node, with Node's design:
 * - the pages, built from D1 once and kept in memory until an organizer changes the meeting
 *   (the Worker tells the object before answering the organizer: app.ts → announceChange);
 * - the access log, buffered in the object's storage and written to D1 in batches
 *   (durable-event-log.ts); a stats read flushes it first;
 * - the PIN tries, counted here in the object's storage: one object sees every try on the
 *   meeting's sessions, so the limits are exact and global (there is one instance of the
 *   object in the world, and it handles one event at a time), and survive eviction;
 * - the cookieless bursts (one device and one view per burst), grouped for the whole meeting;
 * - the devices' visit history for the "what changed" badges (remembered-visits.ts).
 * The documents are streamed from R2 by the object too (the check, the open and the bytes
 * stay one request).
 *
 * The Worker calls it by JS RPC (view, answer, changed, flush), not stub.fetch(): measured under
 * wrangler dev, an RPC call answering a page costs about as much as the Worker answering it
 * itself, where a fetch() to the object halved the Worker's rate (docs/cloudflare.md).
 * The object has no fetch(): nothing reaches it but these four methods, which only the
 * Worker's code can call.
 */
export class MeetingObject extends DurableObject<WorkerEnv> {
  private readonly app: App;
  private readonly deps: AppDeps;
  private readonly events: DurableEventLog;

  constructor(state: DurableState, env: WorkerEnv) {
    super(state, env);
    const config = parseWorkerConfig(env as unknown as Record<string, unknown>);
    this.events = new DurableEventLog(state.storage, d1Of(env.DB));
    const db = dbOf(env);
    // Every view of the meeting is recorded here: the badges' visit history follows them in
    // memory, so a device's list reloads cost D1 one read (its first ask), not one each.
    const visits = new RememberedVisits((meetingId, deviceId, now) => deviceVisits(db, meetingId, deviceId, now));
    this.deps = {
      db,
      now: () => Date.now(),
      store: new R2Store(env.DOCUMENTS),
      recorder: {
        record: (event) => {
          visits.saw(event);
          this.events.record(event);
        },
        flush: () => this.events.flush(),
      },
      visits,
      pageCache: new GuardedPageCache(),
      loadSheetFonts: async () => sheetFonts,
      // PIN tries of the meeting's sessions, in the object's own storage: every try on the
      // meeting comes through here, and neither eviction nor a restart resets a count.
      attempts: new StorageAttemptStore(state.storage),
      // Cookieless bursts grouped for the whole meeting (every request for it comes here).
      cookieless: new CookielessBursts(webCryptoKeyedHash),
      settings: config.settings,
    };
    // Cloudflare's edge sets the client's address (kept on the forwarded request); never stored.
    this.app = createApp(this.deps, { clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown' });
    void state.blockConcurrencyWhile(() => this.events.resume());
  }

  /** A delegate request for one of the meeting's codes (/s/<token>…), as the Worker received it. */
  async answer(request: Request): Promise<Response> {
    // Pages and documents straight through the lane; everything else through the app.
    return (await answerOnMeetingLane(this.deps, request.method, request.url, request.headers)) ?? this.app.fetch(request);
  }

  /**
   * A GET or HEAD of one of the meeting's delegate paths, sent as its parts: a bodiless
   * request costs the RPC call less this way than as a Request object (measured, docs/cloudflare.md).
   */
  async view(method: 'GET' | 'HEAD', url: string, headers: [string, string][]): Promise<Response> {
    const requestHeaders = new Headers(headers);
    return (await answerOnMeetingLane(this.deps, method, url, requestHeaders)) ?? this.app.fetch(new Request(url, { method, headers: requestHeaders }));
  }

  /** An organizer changed the meeting (announceChange): its pages are built again. */
  async changed(): Promise<void> {
    this.deps.pageCache.clear();
  }

  /** A stats read is coming: the queued events go to D1 first. */
  async flush(): Promise<void> {
    await this.events.flush();
  }

  alarm(): Promise<void> {
    return this.events.alarm();
  }
}

/** What the Worker may call on a meeting's object. */
export type MeetingStub = Pick<MeetingObject, 'view' | 'answer' | 'changed' | 'flush'>;

/** The meeting's object, from the Worker. */
export const meetingStub = (meetings: DurableNamespace<MeetingStub>, meetingId: string): MeetingStub => meetings.get(meetings.idFromName(meetingId));

/** The Worker's side of announceChange: each changed meeting's object drops its pages. */
export const meetingObjectChanges = (meetings: DurableNamespace<MeetingStub>) => ({
  async meetingsChanged(meetingIds: readonly string[]) {
    await Promise.all(meetingIds.map((id) => meetingStub(meetings, id).changed()));
  },
});

/** The Worker's side of a stats read: the meeting's object writes its queued events to D1 first. */
export const flushMeetingObject = (meetings: DurableNamespace<MeetingStub>, meetingId: string) => meetingStub(meetings, meetingId).flush();

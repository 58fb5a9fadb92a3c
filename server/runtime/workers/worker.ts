// Workers entry: D1 for the data, R2 for the documents, the console through the ASSETS binding.
// Bindings and vars are declared in wrangler.toml; see docs/cloudflare.md.
import { DirectRecorder } from '../../access/access-recorder';
import { purgeAccessEvents } from '../../access/purge-access-events';
import { createApp, type App } from '../../app';
import type { AppDeps, ConsoleAsset, ConsoleAssets } from '../../app-env';
import { MemoryAttemptStore } from '../../auth/attempt-store';
import { countUsers, ensureFirstAdmin } from '../../auth/users';
import { ConfigError } from '../config-error';
import { TOKEN_SHAPE } from '../../delegate/delegate-url';
import { NoPageCache } from '../../delegate/page-cache';
import { CookielessBursts } from '../../delegate/cookieless-bursts';
import { R2Store } from './r2-store';
import { describeSweep, sweepOrphans } from '../../storage/sweep-orphans';
import { parseWorkerConfig } from './worker-config';
import { digestStreamHash } from './digest-stream-hash';
import { runQueuedSignatureChecks } from '../../signatures/run-signature-checks';
import { loadTrustAnchors } from '../../signatures/trust-anchors';
import { WaitUntilJobs, workersJobHandlers } from './workers-jobs';
import { WORKERS_RENDERS } from './workers-reader-ports';
import { meetingOfToken } from './code-directory';
import { DurableAttemptStore } from './attempt-counter';
import { webCryptoKeyedHash } from './keyed-hash';
import { flushMeetingObject, meetingObjectChanges, meetingStub } from './meeting-object';
import { meetingUnreachableResponse } from './meeting-lane';
import { dbOf, sheetFonts, type WorkerEnv } from './worker-env';

export type { WorkerEnv } from './worker-env';
// Durable Object classes are exported by the entry module (wrangler.toml [durable_objects]).
export { MeetingObject } from './meeting-object';
export { CodeDirectory } from './code-directory';
export { AttemptCounter } from './attempt-counter';

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

/** The app and the ports it was built from, for the scheduled tasks. */
interface Runtime {
  app: App;
  deps: AppDeps;
  /** Renditions (Word HTML) run after the response that queued them, and from the cron. */
  jobs: WaitUntilJobs;
}

/**
 * One runtime per isolate and env, built on the first request. Only a finished
 * runtime is shared: a request never waits on another request's I/O (workerd
 * cancels that I/O if the other request goes away). A failed start (bad var,
 * database not migrated) is not kept: the next request tries again.
 */
const runtimes = new WeakMap<WorkerEnv, Runtime>();

export async function runtimeFor(env: WorkerEnv): Promise<Runtime> {
  const ready = runtimes.get(env);
  if (ready) return ready;
  const runtime = await start(env);
  // Requests that started together each built one; the first to finish is kept.
  if (!runtimes.has(env)) runtimes.set(env, runtime);
  return runtimes.get(env)!;
}

async function start(env: WorkerEnv): Promise<Runtime> {
  const config = parseWorkerConfig(env as unknown as Record<string, unknown>);
  const db = dbOf(env);
  const now = () => Date.now();
  // Every isolate checks once; while users exist this is one cheap count.
  await ensureFirstAdmin(db, config.admin, now()).catch(async (error: unknown) => {
    // Two isolates starting at once may both try: the loser's insert fails, and a user exists.
    if ((await countUsers(db)) === 0) throw error;
  });
  const store = new R2Store(env.DOCUMENTS);
  const meetingChanges = env.MEETINGS ? meetingObjectChanges(env.MEETINGS) : undefined;
  // A rebuilt book changes the delegate pages that list it: the meeting's object drops them.
  const books = { loadFonts: async () => sheetFonts, onBuilt: async (meetingId: string) => { await meetingChanges?.meetingsChanged([meetingId]); } };
  const jobs = new WaitUntilJobs({ db, now }, workersJobHandlers(store, books));
  const deps: AppDeps = {
    db, now, store, jobs,
    // Word HTML is made here; PDFs are rendered by the console (PDF.js), other Office files by `qrhop renditions build`.
    readerRuntime: { renders: WORKERS_RENDERS, pdfCountMaxBytes: 16 * 1024 * 1024 },
    recorder: recorderFor(env, db),
    // Isolates cannot clear each other's memory: the pages live in each meeting's object instead.
    pageCache: new NoPageCache(),
    ...(meetingChanges && { meetingChanges }),
    // Cookieless bursts grouped per isolate (an approximation: isolates do not share memory).
    // Delegate requests are answered by the meeting's object, which groups them for the whole meeting.
    cookieless: new CookielessBursts(webCryptoKeyedHash),
    consoleAssets: env.ASSETS ? new AssetsBindingConsole(env.ASSETS) : undefined,
    loadSheetFonts: async () => sheetFonts,
    // Failed logins and password checks counted in Durable Objects, one per key (account,
    // account and address, known device), so the limits hold across isolates and locations.
    // PIN tries are counted by the meeting's object (meeting-object.ts). Without the binding:
    // per isolate (a brake, not a bound).
    attempts: env.ATTEMPTS ? new DurableAttemptStore(env.ATTEMPTS) : new MemoryAttemptStore(),
    settings: config.settings,
    signatures: {
      anchors: await loadTrustAnchors(config.trustAnchorsPem ? [{ name: 'SIGNATURE_TRUST_ANCHORS_PEM', bytes: new TextEncoder().encode(config.trustAnchorsPem) }] : []),
      hash: digestStreamHash,
    },
  };
  // Cloudflare's edge sets the client's address; it is used for login throttling only, never stored.
  const app = createApp(deps, { clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown' });
  return { app, deps, jobs };
}

/**
 * Delegate accesses are recorded by each meeting's object (durable-event-log.ts); the Worker
 * only asks that object to flush before a stats read. Without the MEETINGS binding (an old
 * wrangler.toml), each access is written on its own after the response (waitUntil).
 */
function recorderFor(env: WorkerEnv, db: AppDeps['db']): AppDeps['recorder'] {
  const direct = new DirectRecorder(db);
  const meetings = env.MEETINGS;
  if (!meetings) return direct;
  return {
    record: (event) => direct.record(event),
    flush: async (meetingId) => {
      if (meetingId) await flushMeetingObject(meetings, meetingId);
    },
  };
}

/** The token of a delegate path (/s/<token>, /s/<token>/d/…, /s/<token>/pin), or null. */
function delegateToken(path: string): string | null {
  if (!path.startsWith('/s/')) return null;
  const end = path.indexOf('/', 3);
  const token = path.slice(3, end === -1 ? undefined : end);
  return TOKEN_SHAPE.test(token) ? token : null;
}

/**
 * The Cron Trigger of wrangler.toml (every 6 hours) does what the Node process does
 * on its timers: access events past RETENTION_DAYS go, and stored objects no
 * document points to are swept once older than a day. Each task runs even if the
 * other fails; a failure is thrown so the run shows as failed in the dashboard.
 */
export async function runScheduledTasks(deps: AppDeps, now: number, jobs?: WaitUntilJobs): Promise<void> {
  const failures: unknown[] = [];
  try {
    // Jobs a cut isolate left running (lease past) or whose retry came due; a cron run may take minutes.
    if (jobs) await jobs.drain(5 * 60_000);
  } catch (error) {
    failures.push(error);
  }
  try {
    const { purged, before } = await purgeAccessEvents(deps.db, { now, retentionDays: deps.settings.retentionDays });
    if (purged) console.log(`access log: purged ${purged} events older than ${before.toISOString()} (RETENTION_DAYS=${deps.settings.retentionDays})`);
  } catch (error) {
    failures.push(error);
  }
  try {
    // Signature checks an upload's waitUntil did not finish (the isolate went away).
    if (deps.signatures) await runQueuedSignatureChecks({ ...deps, signatures: deps.signatures });
  } catch (error) {
    failures.push(error);
  }
  try {
    const result = await sweepOrphans(deps.db, deps.store, { now });
    if (result.removed.length || result.abortedUploads.length) for (const line of describeSweep(result, 20)) console.log(line);
  } catch (error) {
    failures.push(error);
  }
  if (failures.length) throw new AggregateError(failures, 'qrhop: scheduled tasks failed');
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    let runtime: Runtime;
    try {
      runtime = await runtimeFor(env);
    } catch (error) {
      return startFailure(error);
    }
    // Delegate requests go to their meeting's object, found without a D1 read once known.
    const token = env.MEETINGS && env.CODE_DIRECTORY ? delegateToken(new URL(request.url).pathname) : null;
    if (token) {
      try {
        const meetingId = await meetingOfToken(env.CODE_DIRECTORY!, token);
        if (meetingId) {
          const meeting = meetingStub(env.MEETINGS!, meetingId);
          const { method } = request;
          return await (method === 'GET' || method === 'HEAD' ? meeting.view(method, request.url, [...request.headers]) : meeting.answer(request));
        }
      } catch (error) {
        // The directory or the meeting's object failed (reset, overloaded, unreachable): the delegate is told to retry.
        console.error('qrhop: meeting object:', error);
        return meetingUnreachableResponse(request, token);
      }
      // Unknown token: the app answers the delegate's 404 page.
    }
    const response = await runtime.app.fetch(request, env, ctx as never);
    // No runner lives between requests: a stored PDF's signature check runs after the answer.
    const checks = storesDocuments(request) && runtime.deps.signatures
      ? runQueuedSignatureChecks({ ...runtime.deps, signatures: runtime.deps.signatures }).catch((error: unknown) => console.error('signature checks:', error))
      : null;
    // A job queued by this request (a new document's rendition, a meeting book) runs after the
    // answer, never before it — and after the signature checks: a book's cover marks signed PDFs.
    if (checks) ctx.waitUntil(checks.then(() => runtime.jobs.drainIfWoken()?.catch((error: unknown) => console.error('qrhop: jobs:', error))));
    else {
      const drain = runtime.jobs.drainIfWoken();
      if (drain) ctx.waitUntil(drain.catch((error: unknown) => console.error('qrhop: jobs:', error)));
    }
    return response;
  },

  async scheduled(controller: { scheduledTime: number }, env: WorkerEnv): Promise<void> {
    const { deps, jobs } = await runtimeFor(env);
    await runScheduledTasks(deps, controller.scheduledTime, jobs);
  },
};

/** An upload or a file replacement (a refused one queues nothing, and the run ends at once). */
function storesDocuments(request: Request): boolean {
  if (request.method !== 'POST' && request.method !== 'PUT') return false;
  return /^\/api\/(meetings\/[^/]+\/documents|documents\/[^/]+\/file|uploads\/[^/]+\/complete)$/.test(new URL(request.url).pathname);
}

function startFailure(error: unknown): Response {
  if (error instanceof ConfigError) {
    console.error(`qrhop: ${error.message}`);
    return plainText(500, `QRHop is misconfigured: ${error.message}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error('qrhop: failed to start:', error);
  if (/no such table/i.test(message)) {
    return plainText(503, 'QRHop: the D1 database has no tables yet. Run `npx wrangler d1 migrations apply qrhop --remote`.');
  }
  return plainText(503, 'QRHop could not start; see the Worker logs (npx wrangler tail).');
}

const plainText = (status: number, text: string) =>
  new Response(text + '\n', { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '30' } });

// A deployed console is a few files; a bound on entries keeps odd paths from growing the cache.
const MAX_CACHED_ASSETS = 200;

/**
 * The console's built files (wrangler.toml [assets] = web/dist), read through the
 * ASSETS binding and kept in the isolate's memory once read, so they carry exactly
 * the headers the Node entry gives them. Misses are not cached.
 */
class AssetsBindingConsole implements ConsoleAssets {
  private readonly cache = new Map<string, ConsoleAsset>();

  constructor(private readonly assets: NonNullable<WorkerEnv['ASSETS']>) {}

  async get(path: string): Promise<ConsoleAsset | undefined> {
    if (!/^\/[A-Za-z0-9._~\/-]*$/.test(path) || path.includes('..')) return undefined;
    const cached = this.cache.get(path);
    if (cached) return cached;
    const res = await this.assets.fetch(new Request(new URL(path, 'https://assets.invalid')));
    if (res.status !== 200) {
      await res.body?.cancel();
      return undefined;
    }
    const asset = {
      body: new Uint8Array(await res.arrayBuffer()),
      type: res.headers.get('content-type') ?? 'application/octet-stream',
      immutable: path.startsWith('/assets/'),
    };
    if (this.cache.size < MAX_CACHED_ASSETS) this.cache.set(path, asset);
    return asset;
  }
}

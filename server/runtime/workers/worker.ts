// Workers entry: D1 for the data, R2 for the documents, the console through the ASSETS binding.
// Bindings and vars are declared in wrangler.toml; see docs/cloudflare.md.
import { drizzle } from 'drizzle-orm/d1';
import { DirectRecorder } from '../../access/access-recorder';
import { purgeAccessEvents } from '../../access/purge-access-events';
import { createApp, type App } from '../../app';
import type { AppDeps, ConsoleAsset, ConsoleAssets } from '../../app-env';
import { MemoryAttemptStore } from '../../auth/attempt-store';
import { countUsers, ensureFirstAdmin } from '../../auth/users';
import { ConfigError } from '../config-error';
import type { Db } from '../../db/database';
import * as schema from '../../db/schema';
import { NoPageCache } from '../../delegate/page-cache';
import { CookielessBursts } from '../../delegate/cookieless-bursts';
import { R2Store, type R2BucketBinding } from './r2-store';
import { describeSweep, sweepOrphans } from '../../storage/sweep-orphans';
import { parseWorkerConfig } from './worker-config';
import { digestStreamHash } from './digest-stream-hash';
import { runQueuedSignatureChecks } from '../../signatures/run-signature-checks';
import { loadTrustAnchors } from '../../signatures/trust-anchors';
import { WaitUntilJobs, workersJobHandlers } from './workers-jobs';
import { WORKERS_RENDERS } from './workers-reader-ports';
// Data modules (wrangler.toml [[rules]]): the sheet fonts' bytes, bundled.
import boldFont from '@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf';
import regularFont from '@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf';

const sheetFonts = { regular: new Uint8Array(regularFont), bold: new Uint8Array(boldFont) };

/** What wrangler.toml binds (typed structurally: the app does not depend on global Workers types). */
export interface WorkerEnv {
  DB: unknown;
  DOCUMENTS: R2BucketBinding;
  ASSETS?: { fetch(request: Request): Promise<Response> };
  PUBLIC_URL?: string;
  MAX_UPLOAD_MB?: string;
  RETENTION_DAYS?: string;
  QRHOP_ADMIN_EMAIL?: string;
  QRHOP_ADMIN_PASSWORD?: string;
  QRHOP_SECRET?: string;
  SIGNATURE_TRUST_ANCHORS_PEM?: string;
}

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

/** An HMAC under a fresh random key that never leaves the isolate's memory (WebCrypto: asynchronous). */
function webCryptoKeyedHash(): (text: string) => Promise<string> {
  const key = crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']) as Promise<CryptoKey>;
  return async (text) => {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(text)));
    return btoa(String.fromCharCode(...mac.subarray(0, 16)));
  };
}

async function start(env: WorkerEnv): Promise<Runtime> {
  const config = parseWorkerConfig(env as unknown as Record<string, unknown>);
  const db = drizzle(env.DB as Parameters<typeof drizzle>[0], { schema }) as unknown as Db;
  const now = () => Date.now();
  // Every isolate checks once; while users exist this is one cheap count.
  await ensureFirstAdmin(db, config.admin, now()).catch(async (error: unknown) => {
    // Two isolates starting at once may both try: the loser's insert fails, and a user exists.
    if ((await countUsers(db)) === 0) throw error;
  });
  const store = new R2Store(env.DOCUMENTS);
  const jobs = new WaitUntilJobs({ db, now }, workersJobHandlers(store));
  const deps: AppDeps = {
    db, now, store, jobs,
    // Word HTML is made here; PDFs are rendered by the console (PDF.js), other Office files by `qrhop renditions build`.
    readerRuntime: { renders: WORKERS_RENDERS, pdfCountMaxBytes: 16 * 1024 * 1024 },
    // No process outlives the request: each access is written on its own, after the response (waitUntil).
    recorder: new DirectRecorder(db),
    // Isolates cannot clear each other's memory, so an organizer's change could not reach them all.
    pageCache: new NoPageCache(),
    // Cookieless bursts grouped per isolate (an approximation: isolates do not share memory).
    cookieless: new CookielessBursts(webCryptoKeyedHash),
    consoleAssets: env.ASSETS ? new AssetsBindingConsole(env.ASSETS) : undefined,
    loadSheetFonts: async () => sheetFonts,
    // Per isolate for now (a brake, not a hard bound); a Durable Object can implement AttemptStore.
    attempts: new MemoryAttemptStore(),
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
    if (result.removed.length) for (const line of describeSweep(result, 20)) console.log(line);
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
    const response = await runtime.app.fetch(request, env, ctx as never);
    // No runner lives between requests: a stored PDF's signature check runs after the answer.
    if (storesDocuments(request) && runtime.deps.signatures) {
      ctx.waitUntil(runQueuedSignatureChecks({ ...runtime.deps, signatures: runtime.deps.signatures }).catch((error: unknown) => console.error('signature checks:', error)));
    }
    // A job queued by this request (a new document's rendition) runs after the answer, never before it.
    const drain = runtime.jobs.drainIfWoken();
    if (drain) ctx.waitUntil(drain.catch((error: unknown) => console.error('qrhop: jobs:', error)));
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
  return /^\/api\/(meetings\/[^/]+\/documents|documents\/[^/]+\/file)$/.test(new URL(request.url).pathname);
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

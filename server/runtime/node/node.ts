// Node entry: the embedded default (SQLite file + local disk under DATA_DIR) or S3, one process.
import { readFileSync, realpathSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { BatchingRecorder } from '../../access/access-recorder';
import { scheduleAccessPurge } from '../../access/purge-access-events';
import { createApp } from '../../app';
import type { AppDeps, AppSettings } from '../../app-env';
import { MemoryAttemptStore } from '../../auth/attempt-store';
import { countUsers, ensureFirstAdmin } from '../../auth/users';
import { ConfigError, parseConfig } from './config';
import { MemoryPageCache } from '../../delegate/page-cache';
import { CookielessBursts } from '../../delegate/cookieless-bursts';
import { readSheetFonts } from './font-bytes';
import { createNodeServer } from './node-delegate-lane';
import { createPrivateFiles } from './node-file-modes';
import { forwardedOf } from './node-forwarded';
import { brotli, freshKeyedHash, loadConsoleAssets, loadOrCreateSecret, openDatabase, openStore, sqliteEventWriter } from './node-ports';
import { JobRunner } from '../../jobs/job-runner';
import { queueMissingRenditions } from '../../reader/queue-missing-renditions';
import { nodeJobHandlers } from './job-handlers';
import { PdfThreadPool } from './pdf-work/pdf-thread-pool';
import { nodeReaderPorts } from './reader/node-reader-ports';
import { queueStaleSignatureChecks } from '../../signatures/check-document-signatures';
import { loadNodeTrustAnchors } from './load-trust-anchors';
import { nodeHash } from './node-hash';
import { scheduleOrphanSweep } from '../../storage/sweep-orphans';
import { resolveBaseUrl } from '../../base-url/resolve-base-url';
import { findStaleSheets } from '../../base-url/stale-sheets';
import { newSetupCode } from '../../setup/setup-code';
import { loadEnvFile } from './env-file';
import { lanAddress, machineAddresses } from './machine-addresses';
import { startUpReport } from './start-up-report';
import { publishedMeetingIds } from '../../books/book-inputs';
import { queueBookBuilds } from '../../delegate/queue-book-builds';

/** Starts the server in this process (no child process: a signal to it stops everything). */
export async function main() {
  const envFile = loadEnvFile();
  createPrivateFiles(); // the data dir is the owner's only, whatever the umask
  const config = parseConfig(process.env, lanAddress());
  const database = openDatabase(config);
  const secret = loadOrCreateSecret(config.dataDir);
  const store = await openStore(config);
  // Same batching as everywhere, written through one prepared statement (see sqliteEventWriter).
  const recorder = new BatchingRecorder(sqliteEventWriter(database.sqlite));
  const now = () => Date.now();
  const created = await ensureFirstAdmin(database.db, config.admin, now());
  const signatures = { anchors: await loadNodeTrustAnchors(config.trustAnchors), hash: nodeHash };
  // No account yet: the console offers to create the first admin, from this machine or with this code.
  const setupCode = (await countUsers(database.db)) === 0 ? newSetupCode() : undefined;
  const tls = config.tls ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } : undefined;

  const settings: AppSettings = {
    maxUploadBytes: config.maxUploadBytes, downloadMode: config.downloadMode, retentionDays: config.retentionDays, secret, setupCode,
    ...(config.publicUrlSource === 'env' ? { publicUrl: config.publicUrl } : { guessedPublicUrl: config.publicUrl }),
  };
  const pdfWork = new PdfThreadPool();
  const deps: AppDeps = {
    db: database.db, store, recorder, now, brotli, settings,
    pageCache: new MemoryPageCache(),
    cookieless: new CookielessBursts(freshKeyedHash),
    consoleAssets: loadConsoleAssets(),
    machineAddresses: () => machineAddresses(),
    loadSheetFonts: async () => readSheetFonts(),
    // Books and labelled copies are made on worker threads, never on this event loop (pdf-work/).
    pdfWork,
    // One process sees every try: counters in memory are exact here.
    attempts: new MemoryAttemptStore(),
    signatures,
  };
  // Renditions (and other background work) run beside the server, at most one job per two
  // cores: renders are CPU-bound, and delegates' pages must stay fast while they run.
  const reader = await nodeReaderPorts();
  deps.readerRuntime = { renders: { pdf: !!reader.pages, office: !!reader.office, word: !!reader.word } };
  const signatureJobs = { ports: signatures, onChecked: () => deps.pageCache.clear() };
  const bookJobs = { loadFonts: deps.loadSheetFonts, pdfWork, onBuilt: () => deps.pageCache.clear() };
  const runner = new JobRunner({ db: database.db, now }, nodeJobHandlers(store, reader, signatureJobs, bookJobs), { concurrency: Math.max(1, Math.floor(availableParallelism() / 2)) });
  deps.jobs = runner;
  // Documents without a rendition (uploaded before the reader, or restored from a backup) get one.
  const missing = await queueMissingRenditions(database.db, now());
  if (missing) console.log(`  Reader:         ${missing} document(s) queued for their phone rendition.`);
  // PDFs never checked (stored before signatures were checked) or checked against other trust anchors.
  const stale = await queueStaleSignatureChecks(database.db, signatures.anchors, now());
  if (stale) console.log(`  Signatures:     ${stale} PDF version(s) queued for a signature check`);
  // Books of published meetings are checked once at start (a CLI import or a restore changed
  // documents without announcing it); an unchanged book is not rebuilt (its inputs hash).
  await queueBookBuilds(deps, await publishedMeetingIds(database.db));
  // This server is the only one on its SQLite file: jobs left running by a previous process resume.
  await runner.start({ ownsDatabase: true });
  // The client's address from the socket (or, behind a proxy TRUST_PROXY names, from X-Forwarded-For).
  const app = createApp(deps, { clientAddress: (c) => forwardedOf((c.env as { incoming: IncomingMessage }).incoming, config.trustProxy).address });

  // Objects no document points to (a failed row insert, a delete while the store was down)
  // are removed every 6 h once older than 24 h: an upload in flight has its object before its row.
  const sweep = scheduleOrphanSweep(database.db, store, { everyMs: 6 * 60 * 60 * 1000 });

  // Access events older than RETENTION_DAYS go a minute after start, then daily (unref'd timers).
  const purge = scheduleAccessPurge(database.db, { retentionDays: config.retentionDays });

  // Delegate pages and documents take a direct lane on node:http; the rest goes through the app.
  const server = createNodeServer(deps, app.fetch, config.trustProxy, tls);
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(error.code === 'EADDRINUSE'
      ? `qrhop: port ${config.port} is already in use (is QRHop already running?). Stop it, or set PORT in .env.`
      : `qrhop: cannot listen on ${config.host}:${config.port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(config.port, config.host, async () => {
    const consoleUrl = `${tls ? 'https' : 'http'}://localhost:${(server.address() as AddressInfo).port}`;
    const base = await resolveBaseUrl(database.db, settings, consoleUrl);
    const report = startUpReport({
      consoleUrl, base, envFile, setupCode: setupCode ?? null,
      addresses: machineAddresses(),
      dataLine: `${config.dataDir} (${config.storage === 's3' ? `S3 bucket ${config.s3?.bucket}` : 'SQLite + local files'})`,
      createdAdmin: created?.email ?? null,
      stale: await findStaleSheets(database.db, base.url),
    });
    console.log(report.join('\n'));
  });

  // A normal stop (Ctrl-C, SIGTERM) writes every queued access event before exiting.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    server.close();
    purge.stop();
    sweep.stop();
    await runner.stop(); // running jobs go back to the queue and resume at the next start
    await pdfWork.close(); // a copy being stamped fails over to the original; the threads end
    await recorder.flush();
    database.close();
    process.exit(0);
  };
  // `npm start` runs us under npm and a shell; a SIGTERM to npm's PID ends npm and the shell
  // but reaches no further, which used to leave this server holding the port. When the process
  // that launched us goes away we are re-parented: stop as if told to.
  const launchedBy = process.ppid;
  setInterval(() => {
    if (process.ppid !== launchedBy) void stop('parent process exited');
  }, 500).unref();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Windows has no SIGTERM; closing the console window or Ctrl+Break sends SIGBREAK/SIGHUP.
  process.on('SIGHUP', () => void stop('SIGHUP'));
  if (process.platform === 'win32') process.on('SIGBREAK', () => void stop('SIGBREAK'));
}

/** `main` with one-line errors: a bad setting names its variable, anything else says it failed. */
export function run() {
  main().catch((error) => {
    if (error instanceof ConfigError) {
      console.error(`qrhop: ${error.message}`);
    } else {
      console.error('qrhop: failed to start:', error instanceof Error ? error.message : error);
    }
    process.exit(1);
  });
}

// Run when started as the entry (node dist/…/node.js, tsx server/runtime/node/node.ts); the
// `qrhop start` command imports it and calls run() itself.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) run();

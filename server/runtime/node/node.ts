// Node entry: the embedded default (SQLite file + local disk under DATA_DIR) or S3, one process.
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { availableParallelism } from 'node:os';
import { BatchingRecorder } from '../../access/access-recorder';
import { scheduleAccessPurge } from '../../access/purge-access-events';
import { createApp } from '../../app';
import type { AppDeps } from '../../app-env';
import { MemoryAttemptStore } from '../../auth/attempt-store';
import { countUsers, ensureFirstAdmin } from '../../auth/users';
import { CookielessBursts } from '../../delegate/cookieless-bursts';
import { ConfigError, parseConfig } from './config';
import { MemoryPageCache } from '../../delegate/page-cache';
import { readSheetFonts } from './font-bytes';
import { createNodeServer } from './node-delegate-lane';
import { createPrivateFiles } from './node-file-modes';
import { forwardedOf } from './node-forwarded';
import { brotli, freshKeyedHash, lanAddress, loadConsoleAssets, loadOrCreateSecret, openDatabase, openStore, sqliteEventWriter } from './node-ports';
import { JobRunner } from '../../jobs/job-runner';
import { queueMissingRenditions } from '../../reader/queue-missing-renditions';
import { nodeJobHandlers } from './job-handlers';
import { nodeReaderPorts } from './reader/node-reader-ports';
import { scheduleOrphanSweep } from '../../storage/sweep-orphans';
import { queueStaleSignatureChecks } from '../../signatures/check-document-signatures';
import { loadNodeTrustAnchors } from './load-trust-anchors';
import { nodeHash } from './node-hash';

async function main() {
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

  const deps: AppDeps = {
    db: database.db, store, recorder, now, brotli,
    pageCache: new MemoryPageCache(),
    cookieless: new CookielessBursts(freshKeyedHash),
    consoleAssets: loadConsoleAssets(),
    loadSheetFonts: async () => readSheetFonts(),
    // One process sees every try: counters in memory are exact here.
    attempts: new MemoryAttemptStore(),
    settings: { publicUrl: config.publicUrl, maxUploadBytes: config.maxUploadBytes, downloadMode: config.downloadMode, retentionDays: config.retentionDays, secret },
    signatures,
  };
  // Renditions (and other background work) run beside the server, at most one job per two
  // cores: renders are CPU-bound, and delegates' pages must stay fast while they run.
  const reader = await nodeReaderPorts();
  deps.readerRuntime = { renders: { pdf: !!reader.pages, office: !!reader.office, word: !!reader.word } };
  const signatureJobs = { ports: signatures, onChecked: () => deps.pageCache.clear() };
  const runner = new JobRunner({ db: database.db, now }, nodeJobHandlers(store, reader, signatureJobs), { concurrency: Math.max(1, Math.floor(availableParallelism() / 2)) });
  deps.jobs = runner;
  // Documents without a rendition (uploaded before the reader, or restored from a backup) get one.
  const missing = await queueMissingRenditions(database.db, now());
  if (missing) console.log(`  Reader:         ${missing} document(s) queued for their phone rendition.`);
  // PDFs never checked (stored before signatures were checked) or checked against other trust anchors.
  const stale = await queueStaleSignatureChecks(database.db, signatures.anchors, now());
  if (stale) console.log(`  Signatures:     ${stale} PDF version(s) queued for a signature check`);
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
  const server = createNodeServer(deps, app.fetch, config.trustProxy);
  server.listen(config.port, config.host, () => {
    const local = `http://localhost:${(server.address() as AddressInfo).port}`;
    console.log(`QRHop is running.`);
    console.log(`  Console:        ${local}/admin/`);
    console.log(`  For phones:     ${config.publicUrl}  (what the QR codes encode; set PUBLIC_URL to change)`);
    console.log(`  Data:           ${config.dataDir} (${config.storage === 's3' ? `S3 bucket ${config.s3?.bucket}` : 'SQLite + local files'})`);
    if (created) console.log(`  Admin account ${created.email} created from QRHOP_ADMIN_EMAIL.`);
  });

  if ((await countUsers(database.db)) === 0) {
    console.log('\nNo user exists yet. Create the first admin with:');
    console.log('  npm run qrhop -- user add --email you@example.org --name "Your Name" --admin');
    console.log('or start with QRHOP_ADMIN_EMAIL and QRHOP_ADMIN_PASSWORD set.\n');
  }

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
    await recorder.flush();
    database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(`qrhop: ${error.message}`);
  } else {
    console.error('qrhop: failed to start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});

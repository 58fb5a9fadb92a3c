/**
 * `npm run bench`: the hall scans at once. Starts the real server on its
 * embedded default, seeds a meeting through the HTTP API, and measures each hot
 * path against a bare node:http baseline run in the same minute on the same
 * machine — the ratios, not the raw figures, are what compare across machines.
 *
 * `npm run bench -- --only=1,2` runs some sections (1 2 3 3b 4 5 6 7 8 9) only. Section 8 is
 * QRHop on Workers under `wrangler dev` (workers-section.ts); alone, it starts no Node server.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../support/start-server';
import { startBareServer, type BareServer } from './child-processes';
import { newDeviceId, PHONE_HEADERS } from './load';
import { rawGet } from './raw-get';
import { formatTable, machineDetails, type Row } from './report';
import { waitForRenditions } from './reader-bench';
import { SECTIONS, type BenchContext } from './sections';
import { ADMIN, seedMeeting } from './seed-meeting';
import { workersSection } from './workers-section';

/** The Node flags `npm start` gives the server (package.json), so the bench measures that same process. */
function startFlags(): string {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts?: Record<string, string> }).scripts?.start ?? '';
  return /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+--import\s+tsx\b/.exec(start)?.[1]?.trim() ?? '';
}

const log = (line: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(0).padStart(3)} s] ${line}`);

async function main() {
  process.chdir(fileURLToPath(new URL('../..', import.meta.url)));
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const details = machineDetails();
  const work = mkdtempSync(join(tmpdir(), 'qrhop-bench-'));
  const flags = startFlags();
  // MAX_UPLOAD_MB lets the 1 GB upload of section 5 through.
  const env: Record<string, string> = { QRHOP_ADMIN_EMAIL: ADMIN.email, QRHOP_ADMIN_PASSWORD: ADMIN.password, MAX_UPLOAD_MB: '1100', ...(flags && { NODE_OPTIONS: flags }) };
  const rows: Row[] = [];
  let server: RunningServer | undefined;
  let bare: BareServer | undefined;
  let ctx: BenchContext | undefined;
  let failure: unknown;
  let workersFailed = false;
  const nodeSections = !only || only.some((id) => id !== '8');
  try {
    if (nodeSections) {
      log('starting the server (embedded default: SQLite + local disk) and seeding a meeting…');
      server = await startServer(env, { dataDir: join(work, 'data') });
      const seed = await seedMeeting(server.url, join(work, 'big.pdf'));
      // The seeded PDFs get their phone renditions first: a render must not share the CPU with the measurements.
      log('waiting for the seeded documents\' phone renditions…');
      await waitForRenditions(seed);
      const pagePath = `/s/${seed.token}`;
      const docPath = `/s/${seed.token}/d/${seed.bigDocumentId}`;
      const cookie = `qrhop_d=${newDeviceId()}`;
      const page = await rawGet(server.url + pagePath, { ...PHONE_HEADERS, cookie });
      const doc = await rawGet(server.url + docPath, { ...PHONE_HEADERS, cookie });
      if (page.status !== 200 || doc.status !== 200) throw new Error(`seeded page ${page.status}, document ${doc.status}`);
      bare = await startBareServer(
        { page: { headers: page.headers, bodyBase64: page.body.toString('base64') }, document: { path: seed.bigDocumentPath, headers: doc.headers } },
        join(work, 'bare.json'),
      );
      ctx = {
        server, env, bare, seed, pagePath, docPath, rows, log, mustFail: false, memory: {},
        pageBytes: page.body.length, pageEncoding: page.headers['content-encoding'] ?? 'identity',
      };
      for (const section of SECTIONS) if (!only || only.includes(section.id)) await section.run(ctx);
    }
    if (!only || only.includes('8')) workersFailed = !(await workersSection(rows, log));
  } catch (error) {
    failure = error;
  } finally {
    await bare?.stop().catch(() => {});
    await (ctx?.server ?? server)?.stop().catch(() => {}); // section 3b restarts the server
    rmSync(work, { recursive: true, force: true });
  }

  const order = ['1', '2', '3', '3b', '4', '5', '6', '7', '8', '9'];
  rows.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section)); // stable: each section keeps its own order
  const met = rows.filter((r) => r.pass === true).length;
  const judged = rows.filter((r) => r.pass !== undefined).length;
  console.log('\nQRHop benchmark — npm run bench');
  console.log(details.join('\n'));
  console.log(`Server:  node ${flags ? flags + ' ' : ''}--import tsx server/runtime/node/node.ts (as npm start), SQLite + local disk in a temp folder`);
  console.log('Baseline: a bare node:http server in its own process, same requests, same bytes. Load: autocannon (1, 2) and node:http (3, 4) in the bench process.\n');
  console.log(formatTable(rows));
  console.log(`\n${met} of ${judged} targets met; ran in ${(performance.now() / 1000).toFixed(0)} s.`);
  if (failure) {
    console.error('\nbench stopped early:', failure);
    process.exitCode = 1;
  } else if (ctx?.mustFail || workersFailed) {
    console.error('\nerrors or lost events: see the table.');
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error('bench failed:', error);
  process.exit(1);
});

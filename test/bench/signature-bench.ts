/**
 * `npm run bench:signatures`: verification time and peak memory for a 50 MB signed PDF, read
 * from the local store the way the server does (two streamed reads, ranged reads for /Contents).
 * The PDF is made and signed here (test CA); the check runs in a child process so its peak
 * memory is its own: resident set, JS heap and buffers sampled every 5 ms (growth over the
 * process at rest, libraries loaded).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeHash } from '../../server/runtime/node/node-hash';
import { checkPdfSignatures } from '../../server/signatures/check-pdf-signatures';
import { portableHash } from '../../server/signatures/hash-byte-ranges';
import { loadTrustAnchors } from '../../server/signatures/trust-anchors';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import { pemOf, signedPdf, testSigners } from '../signatures/sign-pdf-fixture';

const MB = 2 ** 20;
const SIZE_MB = Number(process.env.SIGNATURE_BENCH_MB ?? 50);
/** Targets: the check of a 50 MB PDF stays under these on a 2-core machine. */
const TARGET = { seconds: 3, peakGrowthMb: 64 };

async function child(dir: string, key: string, caPath: string, hashName: string) {
  const anchors = await loadTrustAnchors([{ name: 'ca.pem', bytes: readFileSync(caPath) }]);
  const store = await new LocalDiskStore(dir).open({ keepTemporary: true });
  globalThis.gc?.();
  const base = process.memoryUsage();
  const baseRss = base.rss / MB;
  let peakRss = base.rss;
  let peakHeap = 0;
  let peakBuffers = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers + m.external - base.arrayBuffers - base.external);
  }, 5);
  const started = performance.now();
  const report = await checkPdfSignatures({ store, anchors, hash: hashName === 'node' ? nodeHash : portableHash }, key);
  const ms = performance.now() - started;
  clearInterval(timer);
  console.log(JSON.stringify({ status: report.status, ms, rssBeforeMb: baseRss, rssPeakMb: peakRss / MB, maxRssMb: process.resourceUsage().maxRSS / 1024, heapGrowthMb: peakHeap / MB, bufferGrowthMb: peakBuffers / MB }));
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'qrhop-sigbench-'));
  try {
    console.error(`making and signing a ${SIZE_MB} MB PDF…`);
    const { ca, signer } = await testSigners();
    const pdf = await signedPdf({ signer, chain: [ca], placeholder: { paddingBytes: SIZE_MB * MB - 20_000 } });
    const store = await new LocalDiskStore(join(work, 'store')).open();
    const key = 'docs/bench/signed';
    await store.put(key, new Blob([pdf as Uint8Array<ArrayBuffer>]).stream(), { contentType: 'application/pdf' });
    writeFileSync(join(work, 'ca.pem'), pemOf(ca.der));
    console.error(`file: ${(pdf.length / MB).toFixed(1)} MB; checking in a child process…`);
    let failed = false;
    for (const hash of ['node', 'portable']) {
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', join(work, 'store'), key, join(work, 'ca.pem'), hash], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(run.stderr);
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      const growth = r.rssPeakMb - r.rssBeforeMb;
      const ok = r.status === 'trusted' && (hash !== 'node' || (r.ms / 1000 <= TARGET.seconds && growth <= TARGET.peakGrowthMb));
      failed ||= !ok;
      console.log(`signature check, ${(pdf.length / MB).toFixed(0)} MB signed PDF, ${hash === 'node' ? 'node:crypto hash (server)' : 'pure-JS hash (@noble/hashes)'}: ${r.status}, ${(r.ms / 1000).toFixed(2)} s; ` +
        `RSS ${r.rssBeforeMb.toFixed(0)} → peak ${r.rssPeakMb.toFixed(0)} MB (+${growth.toFixed(0)} MB), JS heap +${r.heapGrowthMb.toFixed(1)} MB, buffers +${r.bufferGrowthMb.toFixed(1)} MB` +
        (hash === 'node' ? ` — target ≤ ${TARGET.seconds} s, ≤ +${TARGET.peakGrowthMb} MB: ${ok ? 'pass' : 'FAIL'}` : ''));
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!, process.argv[5]!, process.argv[6]!);
else await main();

// Loaded into a server under test with `NODE_OPTIONS=--import …/memory-probe.mjs`. Samples the
// live memory (after a full GC, so garbage waiting for collection does not count) every 50 ms;
// each SIGUSR2 prints `memory-probe {"now":…,"peak":…}`: the live memory at that moment and
// the peak since the previous signal (bytes).
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
let peak = null;

function sample() {
  gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  // external includes the ArrayBuffers (Buffers) that hold request and part bytes.
  const now = { live: heapUsed + external, heapUsed, external, arrayBuffers, rss };
  if (!peak || now.live > peak.live) peak = now;
  return now;
}

process.on('SIGUSR2', () => {
  const now = sample();
  process.stdout.write(`memory-probe ${JSON.stringify({ now, peak })}\n`);
  peak = null;
});
setInterval(sample, 50).unref();

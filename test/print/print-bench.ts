import { pathToFileURL } from 'node:url';
import { logoPng, renderSheets, tableCards } from './fixtures';

/**
 * Renders the same 100-card grid as the size test (labelled variants, logo,
 * organizer) a few times after one warm-up run, which pays the one-off font
 * file read and JIT. Reports the median wall time and the PDF size.
 * For the project benchmark; never asserted in tests (timings vary by machine).
 */
export async function benchPrint(runs = 5): Promise<{ ms100Grid: number; kb100Grid: number }> {
  const cards = tableCards(100);
  const options = {
    layout: 'grid' as const,
    organizer: 'Văn phòng Huyện ủy Gio Linh',
    logo: { bytes: logoPng(), type: 'png' as const },
  };
  let bytes = await renderSheets(cards, options);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes = await renderSheets(cards, options);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  return { ms100Grid: Math.round(median), kb100Grid: Math.round((bytes.byteLength / 1024) * 10) / 10 };
}

// `npx tsx test/print/print-bench.ts` prints the figures.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchPrint());
}

import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderQrSvg } from '../../server/codes/render-qr';

/** SVG codes per second for distinct code URLs (the length printed codes have). */
export async function qrSvgRate(count = 1000): Promise<number> {
  await renderQrSvg('http://192.168.1.20:3000/s/warmupwarmupwarmup0000');
  const started = performance.now();
  for (let i = 0; i < count; i++) await renderQrSvg(`http://192.168.1.20:3000/s/${String(i).padStart(22, 'A')}`);
  return count / ((performance.now() - started) / 1000);
}

/** The print team's own measurement of a 100-code grid sheet, when it exists in this tree. */
export async function printGrid(): Promise<{ ms100Grid: number; kb100Grid: number } | null> {
  const file = fileURLToPath(new URL('../print/print-bench.ts', import.meta.url));
  if (!existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as { benchPrint?: () => Promise<{ ms100Grid: number; kb100Grid: number }> };
  return module.benchPrint ? module.benchPrint() : null;
}

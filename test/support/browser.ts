import { chromium, type Browser } from 'playwright-core';

// Debian's chromium (apt-get install chromium); never a downloaded browser.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless chromium with the flags this machine needs (no background network, no sandbox as root). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', ...extraArgs],
  });
}

// The phones the delegate tests stand for.
export { ANDROID_CHROME, ZALO_ANDROID } from './user-agents';
// Chromium's "Slow 3G" as the issue states it: 400 kbit/s both ways, 400 ms round trip.
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };

// Shared set-up of the console's browser tests: a fresh build of web/dist, the real
// server on a temporary data directory, Debian's chromium, and helpers to read QR codes.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchChromium } from '../support/browser';
import { startServer, type RunningServer } from '../support/start-server';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ADMIN = { email: 'admin@example.org', password: 'mat-khau-quan-tri-2025' };
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 820, height: 1180 };
// A real phone's browser: headless chromium's own user agent is (rightly) counted as a bot.
export const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

const SOURCES = ['web/src', 'web/index.html', 'vite.config.ts', 'shared/i18n/console.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function isStale(): boolean {
  try {
    const built = statSync(join(ROOT, 'web/dist/index.html')).mtimeMs;
    return SOURCES.some((p) => newestMtime(join(ROOT, p)) > built);
  } catch {
    return true;
  }
}

/**
 * Builds the console with Vite's JS API when web/dist is missing or older than its
 * sources. Test files run in parallel: a lock directory lets one build while the others wait.
 */
export async function buildConsole(): Promise<void> {
  const lock = join(tmpdir(), 'qrhop-console-build.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than two minutes belongs to a crashed run.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another console build');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!isStale()) return;
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'web'), logLevel: 'warn' });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Harness {
  server: RunningServer;
  browser: Browser;
  /** A desktop browser context and page at 1366×768 (or the given viewport). */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Uncaught errors and console errors seen on any page of the harness. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  await buildConsole();
  const server = await startServer({ QRHOP_ADMIN_EMAIL: ADMIN.email, QRHOP_ADMIN_PASSWORD: ADMIN.password, ...env });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    pageErrors,
    async newPage(viewport = LAPTOP) {
      const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Refused requests (401, 409, 415…) are expected in these tests; script errors are not.
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
      });
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

export async function login(page: Page, who = ADMIN) {
  await page.goto('/admin/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Cuộc họp', level: 1 }).waitFor();
}

/** A 1366×768 picture of the screen as the organizer sees it (toasts hidden: they cover content). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), style: '.toasts{display:none}', ...options });
}

/** Decodes the QR code in a PNG (e.g. a screenshot of the <img> the console shows). */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

export function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = join(tmpdir(), `qrhop-e2e-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

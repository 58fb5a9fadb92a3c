import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { classifyClient } from '../delegate/client-info';
import { renderQrSvg } from '../codes/render-qr';
import { testScans } from '../db/schema';
import { notFound } from '../http/api-error';
import { baseUrlOf } from '../base-url/base-url-of';
import { parseJson } from '../http/parse-json';
import { PROBE_JS } from './probe-script';
import { renderTestPage } from './render-test-page';
import { createTestScan, findLiveTestScan, markReached, recordProbe, toTestScanView } from './test-scan-domain';

const probeInput = z.object({ rttMs: z.number().min(0).max(120_000), secure: z.boolean() });

/** /api/test-scans — an organizer makes a test code and watches for a phone to open it. */
export const testScanApiRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const { db, now } = c.var.deps;
    const row = await createTestScan(db, c.var.user.id, now());
    return c.json({ testScan: toTestScanView(row, await baseUrlOf(c)) }, 201);
  })
  .get('/:id', async (c) => {
    const { db } = c.var.deps;
    // Only its maker sees a test scan (others get the same 404 as for a missing one).
    const [row] = await db.select().from(testScans).where(and(eq(testScans.id, c.req.param('id')), eq(testScans.createdBy, c.var.user.id)));
    if (!row) throw notFound('Test scan not found');
    return c.json({ testScan: toTestScanView(row, await baseUrlOf(c)) });
  })
  .get('/:id/qr.svg', async (c) => {
    const { db } = c.var.deps;
    const [row] = await db.select().from(testScans).where(and(eq(testScans.id, c.req.param('id')), eq(testScans.createdBy, c.var.user.id)));
    if (!row) throw notFound('Test scan not found');
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'private, no-store');
    return c.body(await renderQrSvg(toTestScanView(row, await baseUrlOf(c)).url));
  });

/**
 * /t/:token — what the phone opens. Kept apart from /s/ on purpose: nothing here touches
 * the access log, so a test scan is never counted as a delegate view. The token is 128
 * random bits and lives 30 minutes; the page shows nothing about any meeting.
 */
export const testScanPublicRoutes = new Hono<AppEnv>()
  .get('/_/probe.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(PROBE_JS);
  })
  .get('/:token', async (c) => {
    const { db, now } = c.var.deps;
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    const row = await findLiveTestScan(db, c.req.param('token'), now());
    if (!row) return c.html(renderTestPage({ reached: false }), 404);
    // A HEAD (or a link previewer) is not a phone opening the page.
    if (c.req.method === 'GET') await markReached(db, row, c.req.header('user-agent'), now());
    return c.html(renderTestPage({ reached: true, browser: classifyClient(c.req.header('user-agent')).browser }));
  })
  .get('/:token/ping', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.body(null, 204);
  })
  .post('/:token/report', async (c) => {
    const { db, now } = c.var.deps;
    const row = await findLiveTestScan(db, c.req.param('token'), now());
    // Only a test scan a phone has really opened takes a report.
    if (!row || !row.reachedAt) throw notFound('Test scan not found');
    await recordProbe(db, row, await parseJson(c, probeInput));
    return c.body(null, 204);
  });

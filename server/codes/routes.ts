import { Hono } from 'hono';
import type { CreateCodesResponse } from '../../shared/api-contract';
import { codeInput, codePatch } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { baseUrlOf } from '../base-url/base-url-of';
import { parseJson } from '../http/parse-json';
import { authorizeCode, authorizeMeeting, authorizeSession } from '../auth/authorize';
import { addCodeVariants } from './add-code-variants';
import { listScopeCodes, type Scope } from './code-scope';
import { codeUrl, toCodeView } from './code-view';
import { renderQrPng, renderQrSvg } from './render-qr';
import { revokeCode } from './revoke-code';
import { rotateCode } from './rotate-code';
import { setCodeWindow } from './set-code-window';

/** GET|POST on a scope: list its active codes, or add labelled variants ({label} or {labels:[...]}). */
function scopeRoutes(resolve: (c: import('hono').Context<AppEnv>) => Promise<Scope>) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const scope = await resolve(c);
      const rows = await listScopeCodes(c.var.deps.db, scope);
      const base = await baseUrlOf(c);
      return c.json({ codes: rows.map((r) => toCodeView(r, base)) });
    })
    .post('/', async (c) => {
      const input = await parseJson(c, codeInput);
      const labels = input.labels ?? (input.label ? [input.label] : []);
      const scope = await resolve(c);
      const { db, now } = c.var.deps;
      const created = await addCodeVariants(db, c.var.user, scope, labels, now());
      // Labels the scope already had are reported, so the console can say "kept" rather than "created".
      const skipped = labels.filter((label) => !created.some((row) => row.label === label));
      const base = await baseUrlOf(c);
      const answer: CreateCodesResponse = { codes: created.map((row) => toCodeView(row, base)), skipped };
      return c.json(answer, created.length ? 201 : 200);
    });
}

export const sessionCodeRoutes = new Hono<AppEnv>().route('/:id/codes', scopeRoutes(async (c) => {
  const { session } = await authorizeSession(c.var.deps.db, c.var.user, c.req.param('id')!);
  return { meetingId: session.meetingId, sessionId: session.id };
}));

export const meetingCodeRoutes = new Hono<AppEnv>().route('/:id/codes', scopeRoutes(async (c) => {
  const meeting = await authorizeMeeting(c.var.deps.db, c.var.user, c.req.param('id')!);
  return { meetingId: meeting.id, sessionId: null };
}));

/** /api/codes/:id — the viewing window, rotate, revoke, QR images. */
export const codeRoutes = new Hono<AppEnv>()
  .patch('/:id', async (c) => {
    const change = await parseJson(c, codePatch);
    const { db, now } = c.var.deps;
    const { code } = await authorizeCode(db, c.var.user, c.req.param('id'));
    const updated = await setCodeWindow(db, c.var.user, code, change, now());
    return c.json({ code: toCodeView(updated, await baseUrlOf(c)) });
  })
  .post('/:id/rotate', async (c) => {
    const { db, now } = c.var.deps;
    const { code } = await authorizeCode(db, c.var.user, c.req.param('id'));
    const next = await rotateCode(db, c.var.user, code, now());
    return c.json({ code: toCodeView(next, await baseUrlOf(c)), previous: { id: code.id, status: 'rotated' } });
  })
  .delete('/:id', async (c) => {
    const { db, now } = c.var.deps;
    const { code } = await authorizeCode(db, c.var.user, c.req.param('id'));
    await revokeCode(db, c.var.user, code, now());
    return c.body(null, 204);
  })
  .get('/:id/qr.svg', async (c) => {
    const { code } = await authorizeCode(c.var.deps.db, c.var.user, c.req.param('id'));
    c.header('Content-Type', 'image/svg+xml');
    c.header('Content-Disposition', `inline; filename="qr-${code.id}.svg"`);
    // The image encodes the current base URL, which an admin may change: never reuse a stale copy.
    c.header('Cache-Control', 'private, no-cache');
    return c.body(await renderQrSvg(codeUrl(await baseUrlOf(c), code.token)));
  })
  .get('/:id/qr.png', async (c) => {
    const { code } = await authorizeCode(c.var.deps.db, c.var.user, c.req.param('id'));
    const size = Math.min(2000, Math.max(200, Number(c.req.query('size')) || 600));
    c.header('Content-Type', 'image/png');
    c.header('Cache-Control', 'private, no-cache');
    c.header('Content-Disposition', `inline; filename="qr-${code.id}.png"`);
    return c.body(await renderQrPng(codeUrl(await baseUrlOf(c), code.token), size) as Uint8Array<ArrayBuffer>);
  });

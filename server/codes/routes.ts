import { Hono } from 'hono';
import { codeInput } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { baseUrlOf } from '../http/base-url';
import { parseJson } from '../http/parse-json';
import { authorizeCode, authorizeMeeting, authorizeSession } from '../auth/authorize';
import { addCodeVariants } from './add-code-variants';
import { listScopeCodes, type Scope } from './code-scope';
import { codeUrl, toCodeView } from './code-view';
import { renderQrPng, renderQrSvg } from './render-qr';
import { revokeCode } from './revoke-code';
import { rotateCode } from './rotate-code';

/** GET|POST on a scope: list its active codes, or add labelled variants ({label} or {labels:[...]}). */
function scopeRoutes(resolve: (c: import('hono').Context<AppEnv>) => Promise<Scope>) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const scope = await resolve(c);
      const rows = await listScopeCodes(c.var.deps.db, scope);
      return c.json({ codes: rows.map((r) => toCodeView(r, baseUrlOf(c))) });
    })
    .post('/', async (c) => {
      const input = await parseJson(c, codeInput);
      const labels = input.labels ?? (input.label ? [input.label] : []);
      const scope = await resolve(c);
      const { db, now } = c.var.deps;
      const created = await addCodeVariants(db, c.var.user, scope, labels, now());
      return c.json({ codes: created.map((row) => toCodeView(row, baseUrlOf(c))) }, 201);
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

/** /api/codes/:id — rotate, revoke, QR images. */
export const codeRoutes = new Hono<AppEnv>()
  .post('/:id/rotate', async (c) => {
    const { db, now } = c.var.deps;
    const { code } = await authorizeCode(db, c.var.user, c.req.param('id'));
    const next = await rotateCode(db, c.var.user, code, now());
    return c.json({ code: toCodeView(next, baseUrlOf(c)), previous: { id: code.id, status: 'rotated' } });
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
    return c.body(await renderQrSvg(codeUrl(baseUrlOf(c), code.token)));
  })
  .get('/:id/qr.png', async (c) => {
    const { code } = await authorizeCode(c.var.deps.db, c.var.user, c.req.param('id'));
    const size = Math.min(2000, Math.max(200, Number(c.req.query('size')) || 600));
    c.header('Content-Type', 'image/png');
    c.header('Content-Disposition', `inline; filename="qr-${code.id}.png"`);
    return c.body(await renderQrPng(codeUrl(baseUrlOf(c), code.token), size) as Uint8Array<ArrayBuffer>);
  });

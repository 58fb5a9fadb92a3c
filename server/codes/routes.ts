import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { CreateCodesResponse } from '../../shared/api-contract';
import { codeInput } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { auditStatement } from '../audit/record-audit';
import { runBatch } from '../db/database';
import { codes } from '../db/schema';
import { ApiError } from '../http/api-error';
import { baseUrlOf } from '../base-url/base-url-of';
import { parseJson } from '../http/parse-json';
import { authorizeCode, authorizeMeeting, authorizeSession } from '../auth/authorize';
import { newCode, revokeStatement, rotateStatements } from './code-statements';
import { codeUrl, toCodeView } from './code-view';
import { renderQrPng, renderQrSvg } from './render-qr';

/** Labels compare as people read them: "bàn 1", "Bàn  1" and an NFD "Bàn 1" are one table. */
const labelKey = (label: string) => label.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

type Scope = { meetingId: string; sessionId: string | null };

const scopeFilter = (scope: Scope) =>
  and(eq(codes.meetingId, scope.meetingId), scope.sessionId ? eq(codes.sessionId, scope.sessionId) : isNull(codes.sessionId), eq(codes.status, 'active'));

/** GET|POST on a scope: list its active codes, or add labelled variants ({label} or {labels:[...]}). */
function scopeRoutes(resolve: (c: import('hono').Context<AppEnv>) => Promise<Scope>) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const scope = await resolve(c);
      const rows = await c.var.deps.db.select().from(codes).where(scopeFilter(scope)).orderBy(asc(codes.createdAt));
      const base = await baseUrlOf(c);
      return c.json({ codes: rows.map((r) => toCodeView(r, base)) });
    })
    .post('/', async (c) => {
      const input = await parseJson(c, codeInput);
      const labels = input.labels ?? (input.label ? [input.label] : []);
      if (labels.length === 0) throw new ApiError(400, 'bad_request', 'label: give a label (or labels) for the new code variant', { field: 'label' });
      const scope = await resolve(c);
      const { db, now } = c.var.deps;
      // A label the scope already has is kept, not made twice: "Tạo 5 mã" clicked twice still
      // gives one "Bàn 1" (two codes for one table would split its counts and its paper).
      const existing = new Set((await db.select({ label: codes.label }).from(codes).where(scopeFilter(scope))).map((r) => labelKey(r.label ?? '')));
      const fresh = [...new Map(labels.map((label) => [labelKey(label), label])).entries()].filter(([key]) => !existing.has(key)).map(([, label]) => label);
      const skipped = labels.filter((label) => !fresh.includes(label));
      if (fresh.length === 0) return c.json({ codes: [], skipped } satisfies CreateCodesResponse, 200);
      const created = fresh.map((label) => newCode(db, { ...scope, label }, now()));
      await runBatch(db, [
        ...created.map((x) => x.statement),
        auditStatement(db, { userId: c.var.user.id, meetingId: scope.meetingId, action: 'code.create', target: scope.sessionId ?? scope.meetingId, detail: { labels: fresh } }, now()),
      ]);
      const base = await baseUrlOf(c);
      return c.json({ codes: created.map((x) => toCodeView(x.row, base)), skipped } satisfies CreateCodesResponse, 201);
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
    if (code.status !== 'active') throw new ApiError(409, 'code_inactive', 'This code was already rotated or revoked');
    const next = rotateStatements(db, code, now());
    await runBatch(db, [...next.statements, auditStatement(db, { userId: c.var.user.id, meetingId: code.meetingId, action: 'code.rotate', target: code.id, detail: { newCodeId: next.row.id } }, now())]);
    return c.json({ code: toCodeView(next.row, await baseUrlOf(c)), previous: { id: code.id, status: 'rotated' } });
  })
  .delete('/:id', async (c) => {
    const { db, now } = c.var.deps;
    const { code } = await authorizeCode(db, c.var.user, c.req.param('id'));
    await runBatch(db, [revokeStatement(db, code.id, now()), auditStatement(db, { userId: c.var.user.id, meetingId: code.meetingId, action: 'code.revoke', target: code.id }, now())]);
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

import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { requireAdmin } from '../auth/require-user';
import { auditLog, users } from '../db/schema';
import { parseWith } from '../http/parse-json';

const query = z.object({
  meetingId: z.string().min(1).max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/audit — who changed what, when, in which meeting. Admins only. */
export const auditRoutes = new Hono<AppEnv>().use(requireAdmin).get('/', async (c) => {
  const q = parseWith(query, c.req.query());
  const filters: SQL[] = [];
  if (q.meetingId) filters.push(eq(auditLog.meetingId, q.meetingId));
  if (q.before) filters.push(lt(auditLog.id, q.before));
  const rows = await c.var.deps.db
    .select({ id: auditLog.id, at: auditLog.at, userId: auditLog.userId, email: users.email, meetingId: auditLog.meetingId, action: auditLog.action, target: auditLog.target, detail: auditLog.detail })
    .from(auditLog).leftJoin(users, eq(users.id, auditLog.userId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id)).limit(q.limit);
  return c.json({ entries: rows.map((r) => ({ ...r, at: r.at.toISOString(), detail: JSON.parse(r.detail) as unknown })) });
});

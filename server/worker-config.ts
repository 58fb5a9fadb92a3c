import { z } from 'zod';
import type { AppSettings } from './app-env';
import { ConfigError } from './config';

/**
 * Workers settings come from wrangler.toml [vars] and `wrangler secret put`, not
 * from a process environment. A Workers request body is capped by Cloudflare
 * (100 MB on the Free and Pro plans), hence the lower default upload cap.
 */
const workerSchema = z.object({
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(500).default(95),
  RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  QRHOP_ADMIN_EMAIL: z.email().optional(),
  QRHOP_ADMIN_PASSWORD: z.string().min(1).optional(),
});

export interface WorkerConfig {
  settings: AppSettings;
  admin?: { email: string; password: string };
}

/** Reads the Worker's vars and secrets once per isolate; a bad value names the variable (never its value). */
export function parseWorkerConfig(env: Record<string, unknown>): WorkerConfig {
  const strings = Object.fromEntries(
    Object.keys(workerSchema.shape).flatMap((name) => (typeof env[name] === 'string' && env[name] !== '' ? [[name, env[name]]] : [])),
  );
  const parsed = workerSchema.safeParse(strings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid ${String(issue.path[0] ?? 'variable')}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.QRHOP_ADMIN_EMAIL && !e.QRHOP_ADMIN_PASSWORD) {
    throw new ConfigError('Missing QRHOP_ADMIN_PASSWORD: required with QRHOP_ADMIN_EMAIL (wrangler secret put QRHOP_ADMIN_PASSWORD)');
  }
  return {
    settings: {
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
      // The R2 binding cannot presign URLs: documents stream through the Worker (R2 egress is free).
      downloadMode: 'proxy',
      retentionDays: e.RETENTION_DAYS,
    },
    admin: e.QRHOP_ADMIN_EMAIL ? { email: e.QRHOP_ADMIN_EMAIL, password: e.QRHOP_ADMIN_PASSWORD! } : undefined,
  };
}

import { z } from 'zod';
import type { AppSettings } from '../../app-env';
import { ConfigError } from '../config-error';
import { passwordRule } from '../../../shared/schemas';

/**
 * Workers settings come from wrangler.toml [vars] and `wrangler secret put`, not
 * from a process environment. A Workers request body is capped by Cloudflare (100 MB on the
 * Free and Pro plans); the console sends files past 8 MB in parts (documents/chunked/), so
 * the file cap is not bound by it. 10,000 parts of 8 MiB is R2's own ceiling.
 */
const workerSchema = z.object({
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(80_000).default(200),
  RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  QRHOP_ADMIN_EMAIL: z.email().optional(),
  QRHOP_ADMIN_PASSWORD: passwordRule.optional(),
  // Keys login-session hashes and delegate PIN grants. Node makes one on first start and keeps
  // it in DATA_DIR; a Worker has no disk, so it must be given (and must not change casually:
  // a new value logs everyone out and asks PIN sessions for their PIN again).
  QRHOP_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)'),
  // Trusted root certificates for signed PDFs, as PEM text (docs/signatures.md).
  SIGNATURE_TRUST_ANCHORS_PEM: z.string().optional(),
});

export interface WorkerConfig {
  settings: AppSettings;
  trustAnchorsPem?: string;
  admin?: { email: string; password: string };
}

/** Reads the Worker's vars and secrets once per isolate; a bad value names the variable (never its value). */
export function parseWorkerConfig(env: Record<string, unknown>): WorkerConfig {
  const strings = Object.fromEntries(
    Object.keys(workerSchema.shape).flatMap((name) => (typeof env[name] === 'string' && env[name] !== '' ? [[name, env[name]]] : [])),
  );
  if (!strings.QRHOP_SECRET) {
    throw new ConfigError('Missing QRHOP_SECRET: set it with `openssl rand -base64 32 | npx wrangler secret put QRHOP_SECRET` (locally: in .dev.vars)');
  }
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
    trustAnchorsPem: e.SIGNATURE_TRUST_ANCHORS_PEM,
    settings: {
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
      // The R2 binding cannot presign URLs: documents stream through the Worker (R2 egress is free).
      downloadMode: 'proxy',
      retentionDays: e.RETENTION_DAYS,
      secret: e.QRHOP_SECRET,
    },
    admin: e.QRHOP_ADMIN_EMAIL ? { email: e.QRHOP_ADMIN_EMAIL, password: e.QRHOP_ADMIN_PASSWORD! } : undefined,
  };
}

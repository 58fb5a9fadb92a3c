import { z } from 'zod';
import { passwordRule } from '../../../shared/schemas';
import { ConfigError } from '../config-error';
import { parseTrustProxy } from './node-forwarded';

export { ConfigError } from '../config-error';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100_000).default(200),
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  S3_PREFIX: z.string().default(''),
  DOWNLOAD_MODE: z.enum(['redirect', 'proxy']).default('redirect'),
  RETENTION_DAYS: positiveInt.default(365),
  // Addresses: IPv4/IPv6 literals, or 'loopback'; never a name (it would need a lookup per request).
  TRUST_PROXY: z.string().regex(/^(true|false|yes|no|1|0|[0-9a-fA-F:.,\s]+|[0-9a-fA-F:.,\s]*loopback[0-9a-fA-F:.,\s]*)$/i, 'true, false, or proxy addresses separated by commas (e.g. 127.0.0.1 or loopback)').optional(),
  QRHOP_ADMIN_EMAIL: z.email().optional(),
  QRHOP_ADMIN_PASSWORD: passwordRule.optional(),
  SIGNATURE_TRUST_ANCHORS: z.string().min(1).optional(),
});

export type NodeConfig = ReturnType<typeof parseConfig>;

/**
 * Reads the process environment once, at start. `lanAddress` is the machine's
 * first LAN address, used for the default PUBLIC_URL so phones on the hall's
 * Wi-Fi can reach a laptop.
 */
export function parseConfig(env: Record<string, string | undefined>, lanAddress = 'localhost') {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    // Secrets are named, never printed: start-up output ends up in logs.
    const shown = /PASSWORD|SECRET/.test(name) ? '' : `=${JSON.stringify(env[name] ?? '')}`;
    throw new ConfigError(`Invalid ${name}${shown}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.STORAGE === 's3') {
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!e[name]) throw new ConfigError(`Missing ${name}: required when STORAGE=s3`);
    }
  }
  if (e.QRHOP_ADMIN_EMAIL && !e.QRHOP_ADMIN_PASSWORD) {
    throw new ConfigError('Missing QRHOP_ADMIN_PASSWORD: required with QRHOP_ADMIN_EMAIL');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://${lanAddress}:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: e.DATA_DIR,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    storage: e.STORAGE,
    s3: e.STORAGE === 's3'
      ? {
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          bucket: e.S3_BUCKET!,
          accessKeyId: e.S3_ACCESS_KEY_ID!,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
          prefix: e.S3_PREFIX,
        }
      : undefined,
    downloadMode: e.DOWNLOAD_MODE,
    retentionDays: e.RETENTION_DAYS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    /** Trusted root certificates for signed PDFs: a PEM/DER file or a folder of them (see docs/signatures.md). */
    trustAnchors: e.SIGNATURE_TRUST_ANCHORS ? { path: e.SIGNATURE_TRUST_ANCHORS, explicit: true } : { path: `${e.DATA_DIR.replace(/\/+$/, '')}/trust-anchors`, explicit: false },
    admin: e.QRHOP_ADMIN_EMAIL ? { email: e.QRHOP_ADMIN_EMAIL, password: e.QRHOP_ADMIN_PASSWORD! } : undefined,
  };
}

import type { Context } from 'hono';
import type { AppEnv } from '../app-env';

/** The public base URL codes encode: configured, or else the origin this request came to. */
export const baseUrlOf = (c: Context<AppEnv>) => c.var.deps.settings.publicUrl ?? new URL(c.req.url).origin;

import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { resolveBaseUrl } from './resolve-base-url';

/** The public base URL codes encode (see resolveBaseUrl for the order of precedence). */
export const baseUrlOf = async (c: Context<AppEnv>) => (await resolveBaseUrl(c.var.deps.db, c.var.deps.settings, new URL(c.req.url).origin)).url;

import type { Context } from 'hono';

/**
 * Whether the request reached us over TLS: its URL is https (Workers; a Node server whose
 * trusted proxy said so — the Node entry rewrites the URL only when TRUST_PROXY allows).
 * Cookies then carry `Secure`.
 */
export const isSecureRequest = (c: Context) => c.req.url.startsWith('https:');

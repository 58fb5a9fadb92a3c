import { rawFetch } from '../support/raw-fetch';

const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** One raw GET (no decompression, unlike fetch): status, end-to-end headers and the bytes as sent. */
export async function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await rawFetch(url, { headers });
  const kept = [...res.headers].filter(([name]) => !HOP_BY_HOP.has(name));
  return { status: res.status, headers: Object.fromEntries(kept), body: Buffer.from(await res.arrayBuffer()) };
}

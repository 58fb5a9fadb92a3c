import { request } from 'node:http';

const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** One raw GET (no decompression, unlike fetch): status, end-to-end headers and the bytes as sent. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const kept = Object.entries(res.headers).filter(([k]) => !HOP_BY_HOP.has(k)).map(([k, v]) => [k, String(v)]);
        resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(kept), body: Buffer.concat(chunks) });
      });
    }).on('error', reject).end();
  });
}

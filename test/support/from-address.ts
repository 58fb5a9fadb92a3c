import { request } from 'node:http';

export interface Answer {
  status: number;
  body: any;
  setCookies: string[];
}

/**
 * A JSON request sent from a chosen loopback address (127.0.0.2, 127.0.0.3…: Linux routes all
 * of 127/8 to lo), so the server sees distinct clients on its socket.
 */
export function jsonFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const bytes = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, setCookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(bytes);
  });
}

/** `name=value` pairs of Set-Cookie lines, for a Cookie header. */
export const cookiesOf = (setCookies: string[]) => setCookies.map((line) => line.split(';')[0]!).filter((pair) => !pair.endsWith('=')).join('; ');

/** A GET sent from a chosen loopback address; the body is read and dropped. */
export function getFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';

/**
 * fetch over node:http that hands back the bytes as sent: no decompression (unlike
 * fetch), no redirect following, the status and headers as the server wrote them.
 */
export async function rawFetch(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await rawFetchOnce(url, init);
  } catch (error) {
    // A kept-alive socket the server closed (its 5 s keep-alive timeout) just as this request
    // went out on it: on a loaded machine a gap between requests can reach that. Safe to send
    // again only when nothing was answered and the request has no body (Node's documented advice).
    if (!(error instanceof ReusedSocketReset) || (init.body !== undefined && init.body !== null)) throw error instanceof ReusedSocketReset ? error.cause : error;
    return rawFetchOnce(url, init);
  }
}

class ReusedSocketReset extends Error {}

async function rawFetchOnce(url: string, init: RequestInit): Promise<Response> {
  const { body } = init;
  const streamed = body instanceof ReadableStream;
  // Any other body (form data, text, bytes) is encoded as fetch would, with its content type.
  const encoded = !streamed && body !== undefined && body !== null ? new Request(url, { method: init.method, headers: init.headers, body }) : undefined;
  const headers = Object.fromEntries(encoded?.headers ?? new Headers(init.headers));
  const bytes = encoded && Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const one of Array.isArray(value) ? value : [value ?? '']) out.append(name, one);
        }
        const status = res.statusCode ?? 0;
        const empty = status === 204 || status === 304 || (status >= 100 && status < 200);
        resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => reject(req.reusedSocket && error.code === 'ECONNRESET' ? new ReusedSocketReset('reused socket reset', { cause: error }) : error));
    if (streamed) Readable.fromWeb(body as NodeWebStream).pipe(req); // sent chunked
    else req.end(bytes);
  });
}

/** A server listening on a free loopback port. */
export async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

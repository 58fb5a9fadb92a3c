// Node entry only: delegate pages and documents answered straight on node:http.
import { close, open, read } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { getRequestListener } from '@hono/node-server';
import type { AppDeps } from '../../app-env';
import type { Answer } from '../../delegate/answer';
import { answerDocument } from '../../delegate/answer-document';
import { answerPage } from '../../delegate/answer-page';
import { DelegateRequest } from '../../delegate/delegate-request';
import { DELEGATE_TARGET } from '../../delegate/delegate-url';
import { securityHeadersFor } from '../../http/security-headers';
import { fileSourceOf } from './local-disk-store';
import { forwardedOf, type TrustProxy } from './node-forwarded';

// What the lane takes: a page or a document of a well-formed token (DELEGATE_TARGET).
// Everything else (the PIN form, assets, the console, the API, odd paths) goes to the Hono app.
// Hosts as browsers send them; anything else goes to the app, which validates it.
const PLAIN_HOST = /^[a-z0-9.-]+(?::\d{1,5})?$/;

/**
 * The moment the hall scans, every phone asks for the same page: through Hono and the
 * fetch Request/Response it cost ~90 µs of CPU per page on this machine's Node 20,
 * against ~24 µs for a bare node:http server sending the same bytes. This lane reads
 * the request straight from node:http and answers through the same runtime-neutral
 * functions the Hono routes call (answerPage, answerDocument): one set of decisions,
 * two ways onto the wire. Answers of cached pages are shared objects, so their wire
 * headers are made once. Local files go from the file to the socket.
 */
export function delegateLane(deps: AppDeps, next: (req: IncomingMessage, res: ServerResponse) => void, trustProxy: TrustProxy = false) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '';
    const host = req.headers.host;
    const match = url.startsWith('/s/') && (req.method === 'GET' || req.method === 'HEAD') && host && PLAIN_HOST.test(host) ? DELEGATE_TARGET.exec(url) : null;
    if (!match) return next(req, res);
    // Over TLS (through a trusted proxy) the origin is https: cookies then carry Secure.
    const forwarded = forwardedOf(req, trustProxy);
    const origin = forwarded.secure ? `https://${host!.endsWith(':443') ? host!.slice(0, -4) : host}` : host!.endsWith(':80') ? `http://${host!.slice(0, -3)}` : `http://${host}`;
    const request = new DelegateRequest(req.method!, match[3] ?? '', new NodeHeaders(req.headers), origin);
    request.address = forwarded.address;
    void answerOnLane(deps, request, res, match[1]!, match[2]);
  };
}

/** Node's incoming headers (lower-case names) as the delegate code reads them. */
class NodeHeaders {
  constructor(private readonly headers: IncomingMessage['headers']) {}
  get(name: string): string | undefined {
    const value = this.headers[name];
    return typeof value === 'string' ? value : value?.join(', ');
  }
}

// No closures made per request on the way: tsx (esbuild's keepNames) names every function
// it creates with a property write, and that `__name` showed up in the page's CPU profile.
async function answerOnLane(deps: AppDeps, request: DelegateRequest, res: ServerResponse, token: string, documentId: string | undefined) {
  try {
    const answer = documentId ? await answerDocument(deps, request, token, documentId) : await answerPage(deps, request, token);
    send(res, answer, request.setCookies);
  } catch (error) {
    fail(res, error);
  }
}

type Fetch = Parameters<typeof getRequestListener>[0];

/** The Node HTTP server: the delegate lane first, the Hono app for everything else. */
export function createNodeServer(deps: AppDeps, fetch: Fetch, trustProxy: TrustProxy = false): Server {
  return createServer(delegateLane(deps, getRequestListener(trustProxy === false ? fetch : viaProxy(fetch, trustProxy)), trustProxy));
}

/**
 * Requests a trusted proxy received over TLS reach the app with an https URL, so everything
 * that reads the URL (Secure cookies, the CSRF origin check, codes' base URL) sees what the
 * browser sees. Only when TRUST_PROXY is set: the request is then rebuilt once.
 */
function viaProxy(fetch: Fetch, trustProxy: TrustProxy): Fetch {
  return (request, env) => {
    if (!request.url.startsWith('http:') || !forwardedOf(env.incoming as IncomingMessage, trustProxy).secure) return fetch(request, env);
    const url = new URL(request.url);
    url.protocol = 'https:';
    if (url.port === '443') url.port = '';
    const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, signal: request.signal };
    if (request.body) Object.assign(init, { body: request.body, duplex: 'half' });
    return fetch(new Request(url, init), env);
  };
}

const wire = new WeakMap<Answer, OutgoingHttpHeaders>();

/** The answer's headers as node:http takes them, with the security headers and a length: once per answer object. */
function wireHeaders(answer: Answer): OutgoingHttpHeaders {
  let headers = wire.get(answer);
  if (headers) return headers;
  const made: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(answer.headers)) made[name.toLowerCase()] = value;
  for (const [name, value] of securityHeadersFor('/s/', (lower) => lower in made)) made[name.toLowerCase()] = value;
  const { body } = answer;
  if (body instanceof Uint8Array) made['content-length'] = body.byteLength;
  else if (typeof body === 'string') made['content-length'] = Buffer.byteLength(body);
  else if (body === null && !('content-length' in made) && answer.status !== 304) made['content-length'] = 0;
  wire.set(answer, (headers = made));
  return headers;
}

function send(res: ServerResponse, answer: Answer, cookies: string[]): void {
  const shared = wireHeaders(answer);
  const headers = cookies.length ? { ...shared, 'set-cookie': cookies } : shared;
  const { body } = answer;
  if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
    res.writeHead(answer.status, headers);
    res.end(body ?? undefined); // HEAD: node:http sends no body
    return;
  }
  const file = fileSourceOf(body);
  if (file) return sendFile(res, answer.status, headers, file);
  res.writeHead(answer.status, headers);
  // A store's stream (S3 in proxy mode): back-pressure from the socket; a phone that goes away cancels it.
  pipeline(Readable.fromWeb(body as NodeWebStream<Uint8Array>), res, () => {});
}

function fail(res: ServerResponse, error: unknown): void {
  console.error(`delegate lane:`, error);
  if (res.headersSent) return void res.destroy();
  // The app's own answer to an unexpected error (app.onError).
  const body = JSON.stringify({ error: { code: 'internal', message: 'Internal error' } });
  res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * A local file into the response with the answer's status and headers. Opened before the
 * headers go out, so a file gone meanwhile (deleted after the app looked) is a clean 404,
 * not a cut response.
 */
function sendFile(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, file: { path: string; start: number; end: number }): void {
  open(file.path, 'r', (error, fd) => {
    if (res.destroyed) {
      if (!error) close(fd, () => {});
      return;
    }
    if (error) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      res.end('Not found'); // never the file's path
      return;
    }
    res.writeHead(status, headers);
    sendFileBytes(fd, file.start, file.end, res);
  });
}

// Node's own default for file streams: with a new buffer per chunk, 128 and 256 KB chunks
// cost 40-60 % more CPU per 5 MB download here than 64 KB.
const SEND_CHUNK = 64 * 1024;
// A range up to this size (what PDF viewers ask for) is read in one go, into a buffer kept
// for the next range: one trip through the thread pool instead of four.
const ONE_READ_MAX = 256 * 1024;
const oneReadBuffers: Buffer[] = [];
const ONE_READ_KEPT = 16; // 4 MB at most, idle
// A hall of slow phones holds its buffers while their writes wait: past 64 of them (16 MB)
// ranges go through the two 64 KB buffers again, so memory stays bounded.
const ONE_READ_IN_USE_MAX = 64;
let oneReadInUse = 0;

/** One-read buffers held by answers under way (tests check it comes back to 0). */
export const oneReadBuffersInUse = () => oneReadInUse;

/**
 * Bytes start..end of an open file into the response. Long answers go through two 64 KB
 * buffers used over and over: one is read into while the other is being written, and a
 * buffer is reused only once its write is done. No buffer per chunk: with fs streams,
 * after a minute of page traffic had grown the heap, the garbage of a 5 MB download
 * (80 buffers) cost 10.7-11.5 ms of CPU in GC-heavy runs; this way 4.2-5.2 ms (bare
 * node:http streaming: 3.7-4.5 ms). Ranges up to 256 KB take one read into a kept buffer.
 * Closes the file at the end, on error, or when the client goes away — never while a
 * read is still running on it.
 */
function sendFileBytes(fd: number, start: number, end: number, outgoing: ServerResponse): void {
  const length = end - start + 1;
  const oneRead = length > SEND_CHUNK && length <= ONE_READ_MAX && oneReadInUse < ONE_READ_IN_USE_MAX;
  const free = oneRead ? [oneReadBuffers.pop() ?? Buffer.allocUnsafeSlow(ONE_READ_MAX)]
    : length > SEND_CHUNK ? [Buffer.allocUnsafeSlow(SEND_CHUNK), Buffer.allocUnsafeSlow(SEND_CHUNK)]
    : [Buffer.allocUnsafeSlow(Math.max(1, length))];
  // Counted once, uncounted once: when the buffer comes back, or when the response closes
  // (a write to a socket already gone may never call back; its buffer is then left to GC).
  let counted = oneRead;
  if (counted) oneReadInUse++;
  const uncount = () => {
    if (counted) {
      counted = false;
      oneReadInUse--;
    }
  };
  // A kept buffer goes back only when nothing reads into it or writes from it any more.
  const release = (buffer: Buffer) => {
    uncount();
    if (oneRead && oneReadBuffers.length < ONE_READ_KEPT) oneReadBuffers.push(buffer);
  };
  let position = start;
  let reading = false;
  let done = false;
  let closed = false;
  const closeFile = () => {
    if (!closed && !reading) {
      closed = true;
      close(fd, () => {});
    }
  };
  const stop = (error?: Error) => {
    if (!done) {
      done = true;
      if (error) outgoing.destroy(error);
    }
    closeFile();
  };
  outgoing.once('close', () => {
    uncount();
    stop();
  });
  const pump = () => {
    if (done || reading || position > end || free.length === 0) return;
    const buffer = free.pop()!;
    reading = true;
    read(fd, buffer, 0, Math.min(buffer.length, end - position + 1), position, (error, bytesRead) => {
      reading = false;
      if (done) return release(buffer), closeFile();
      if (error || bytesRead === 0) return release(buffer), stop(error ?? new Error('file shorter than its size'));
      position += bytesRead;
      outgoing.write(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead), (writeError) => {
        if (writeError) return release(buffer), stop(writeError);
        if (position > end) return release(buffer);
        free.push(buffer);
        pump();
      });
      if (position > end) {
        outgoing.end();
        stop();
      } else {
        pump();
      }
    });
  };
  if (end < start) {
    outgoing.end();
    stop();
  } else {
    pump();
  }
}

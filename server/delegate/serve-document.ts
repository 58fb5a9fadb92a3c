import { contentDisposition } from '../http/content-disposition';
import type { ByteRange, ObjectStore } from '../storage/object-store';
import type { Answer } from './answer';
import type { SignatureStatus } from '../signatures/signature-report';

export interface ServedVersion {
  /** The document version these bytes are (its rendition is looked up by it). */
  version: number;
  storageKey: string;
  filename: string;
  contentType: string;
  size: number;
  etag: string;
  /** The signature check of these bytes (null: not checked yet); decides whether a labelled copy may be stamped. */
  signatureStatus?: SignatureStatus | null;
}

/** Parses a single-range `Range` header. null: serve the whole file; 'unsatisfiable': answer 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null; // multiple or malformed ranges: the whole file is a valid answer
  const [, from, to] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

// Served files are inert: no sniffing into HTML, no scripts, no same-origin access if opened directly.
const DOCUMENT_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
  'Cache-Control': 'private, no-cache',
  'Accept-Ranges': 'bytes',
};

export interface ServeOptions {
  download: boolean;
  range: string | undefined;
  ifNoneMatch: string | undefined;
  method: string;
  /** Presign and redirect when the store can (S3/R2), else stream through. */
  redirect: boolean;
}

/** Answers a document request from the store, with Range, ETag and RFC 6266 names. Storage errors propagate. */
export async function serveDocument(store: ObjectStore, version: ServedVersion, options: ServeOptions): Promise<Answer> {
  const disposition = contentDisposition(options.download ? 'attachment' : 'inline', version.filename);
  const headers: Record<string, string> = { ...DOCUMENT_HEADERS, ETag: version.etag, 'Content-Type': version.contentType, 'Content-Disposition': disposition };
  if (options.ifNoneMatch && options.ifNoneMatch.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === version.etag)) {
    return { status: 304, headers: { ETag: version.etag, 'Cache-Control': headers['Cache-Control']! }, body: null };
  }
  if (options.redirect && store.signedDownloadUrl) {
    const url = await store.signedDownloadUrl(version.storageKey, { expiresInSeconds: 300, contentType: version.contentType, contentDisposition: disposition });
    if (url) return { status: 302, headers: { Location: url, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }, body: null };
  }
  const range = parseRange(options.range, version.size);
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${version.size}` }, body: null };
  }
  if (options.method === 'HEAD') {
    return { status: 200, headers: { ...headers, 'Content-Length': String(version.size) }, body: null };
  }
  const object = await store.get(version.storageKey, range ?? undefined);
  if (!object) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  if (range && object.range) {
    const { start, end } = object.range;
    return {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${object.size}`, 'Content-Length': String(end - start + 1) },
      body: object.body,
    };
  }
  return { status: 200, headers: { ...headers, 'Content-Length': String(object.size) }, body: object.body };
}

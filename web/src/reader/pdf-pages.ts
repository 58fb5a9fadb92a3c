// Loaded only when this server cannot render PDFs itself (Workers, or Node without
// poppler): a separate chunk with PDF.js and its worker, fetched by organizers only.
import * as pdfjs from 'pdfjs-dist';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.min.mjs?worker';
import { CLIENT_PAGE_WIDTH, type PageStored, type StartedRendition } from '../../../shared/rendition-api';
import { api, ApiFailure, failureFrom, noteLoginLost } from '../api/client';

let worker: Worker | undefined;

export interface RenderTarget {
  documentId: string;
  version: number;
}

/** Thrown when PDF.js cannot open the file (password, damage): the reason code the panel shows. */
export class PdfOpenError extends Error {
  constructor(readonly code: 'pdf_password' | 'pdf_corrupt', message: string) {
    super(message);
  }
}

// WebP where the browser encodes it (Chrome, Edge, Firefox); JPEG elsewhere (Safari gives PNG for WebP).
async function encode(canvas: HTMLCanvasElement): Promise<Blob> {
  const toBlob = (type: string, quality: number) => new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, quality));
  const webp = await toBlob('image/webp', 0.6);
  if (webp && webp.type === 'image/webp') return webp;
  const jpeg = await toBlob('image/jpeg', 0.7);
  if (!jpeg) throw new Error('the browser could not encode the page');
  return jpeg;
}

async function putPage(target: RenderTarget, page: number, image: Blob, text: string): Promise<PageStored> {
  const form = new FormData();
  form.append('image', image, `p${page}`);
  form.append('text', text);
  const url = `/api/documents/${encodeURIComponent(target.documentId)}/versions/${target.version}/rendition/pages/${page}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'PUT', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiFailure(0, 'network', 'Network error');
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    noteLoginLost(url, res.status);
    throw failureFrom(res.status, body);
  }
  return body as PageStored;
}

/**
 * Renders a stored PDF's pages in this browser with PDF.js, 860 px wide, and uploads each
 * (image and text) through the rendition API, one page at a time so memory stays at one
 * page. The server checks the page count and every image.
 */
export async function renderPdfInBrowser(target: RenderTarget, onPage: (done: number, total: number) => void, signal: AbortSignal): Promise<void> {
  worker ??= new PdfWorker();
  pdfjs.GlobalWorkerOptions.workerPort = worker;
  const source = await fetch(`/api/documents/${encodeURIComponent(target.documentId)}/versions/${target.version}/source`, { credentials: 'same-origin', signal });
  if (!source.ok) throw failureFrom(source.status, await source.json().catch(() => null));
  const data = new Uint8Array(await source.arrayBuffer());
  // Only the pages are drawn: no forms, and PDF.js runs no script of the PDF.
  const task = pdfjs.getDocument({ data, enableXfa: false, stopAtErrors: false });
  let pdf: pdfjs.PDFDocumentProxy;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy();
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfOpenError('pdf_password', 'password-protected PDF');
    throw new PdfOpenError('pdf_corrupt', error instanceof Error ? error.message : String(error));
  }
  try {
    const started = await api<StartedRendition>('POST', `/api/documents/${encodeURIComponent(target.documentId)}/versions/${target.version}/rendition`, { pages: pdf.numPages, renderer: 'browser-pdfjs' });
    const canvas = document.createElement('canvas');
    for (let n = 1; n <= started.expected; n++) {
      signal.throwIfAborted();
      const page = await pdf.getPage(n);
      const viewport = page.getViewport({ scale: CLIENT_PAGE_WIDTH / page.getViewport({ scale: 1 }).width });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.min(Math.round(viewport.height), started.limits.maxHeight);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas, canvasContext: context, viewport }).promise;
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join('').replace(/[ \t]+\n/g, '\n').trim();
      await putPage(target, n, await encode(canvas), text.normalize('NFC'));
      page.cleanup();
      onPage(n, started.expected);
    }
    canvas.width = canvas.height = 0;
  } finally {
    await task.destroy();
  }
}

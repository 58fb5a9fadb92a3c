/**
 * What the rendition job needs from its runtime. Node implements these with poppler,
 * LibreOffice, sharp and a child process for mammoth (server/runtime/node/reader/);
 * a runtime without a renderer leaves the port out and the job says so on the rendition.
 */

/** The original, as stored. */
export interface RenderSource {
  /** Its bytes, streamed from the store (may be called once). */
  open(): Promise<ReadableStream<Uint8Array>>;
  size: number;
  contentType: string;
  filename: string;
}

export interface RenderedPage {
  /** 1-based. */
  page: number;
  bytes: Uint8Array;
  contentType: 'image/webp' | 'image/png';
  width: number;
  height: number;
  /** The page's text, NFC; '' when the page has none (a scan). */
  text: string;
}

/** Receives pages one at a time, in order: the renderer never holds more than one. */
export interface PageSink {
  /** Called once before the first page: pages in the source, and how many will be rendered. */
  count(sourcePages: number, rendering: number): Promise<void>;
  page(page: RenderedPage): Promise<void>;
  /** The whole PDF the pages come from, when it is not the original (an Office file's conversion): kept for the meeting books. */
  pdf?(bytes: Uint8Array): Promise<void>;
}

export interface RenderOptions {
  /** Pages rendered at most (the rest is left to the original). */
  maxPages: number;
  /** Aborts at the job's time limit: kill what runs, reject. */
  signal: AbortSignal;
}

/** PDF → page images. Failures throw a JobFailure with a reason code (pdf_password, pdf_corrupt…). */
export interface PageRenderer {
  readonly name: string;
  renderPdf(source: RenderSource, sink: PageSink, options: RenderOptions): Promise<void>;
}

/** Office files other than .docx (and .docx as a fallback) → PDF → page images. */
export interface OfficeRenderer {
  readonly name: string;
  renderOffice(source: RenderSource, sink: PageSink, options: RenderOptions): Promise<void>;
}

export interface WordImage {
  /** File name under the rendition's prefix, e.g. `img-3.webp` (what the HTML's src says). */
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/** .docx → sanitized HTML (see word-html.ts) and its images as separate files. */
export interface WordConverter {
  readonly name: string;
  convert(source: RenderSource, options: { signal: AbortSignal }): Promise<{ html: string; images: WordImage[] }>;
}

/** The pixel size of an image document (shown as it is, with width and height set). */
export interface ImageProbe {
  size(source: RenderSource, options: { signal: AbortSignal }): Promise<{ width: number; height: number }>;
}

export interface ReaderPorts {
  pages?: PageRenderer;
  office?: OfficeRenderer;
  word?: WordConverter;
  images?: ImageProbe;
}

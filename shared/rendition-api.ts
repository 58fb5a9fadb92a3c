/**
 * The rendition API (a client renders a document's pages and uploads them), shared by the
 * server, the console's PDF.js renderer and `qrhop renditions build`. See docs/reader.md.
 * No zod here: the console imports this file (the input schema is in rendition-input.ts).
 */

export const clientRenderers = ['browser-pdfjs', 'cli-poppler', 'cli-libreoffice+poppler'] as const;

/** Page images are made this wide: a 390–430 px phone at 2× density (as the Node renderers do). */
export const CLIENT_PAGE_WIDTH = 860;

/** The route a document takes to the reader (as the server decides it from the content type). */
export type RenditionRouteName = 'pdf' | 'word' | 'office' | 'image';

/** GET /api/meetings/:id/renditions */
export interface MeetingRenditions {
  /** What this server renders itself; PDFs it does not are rendered by the console, Office files by the CLI. */
  renders: { pdf: boolean; office: boolean; word: boolean };
  documents: {
    documentId: string;
    title: string;
    version: number;
    filename: string;
    contentType: string;
    size: number;
    route: RenditionRouteName | null;
    status: 'waiting' | 'working' | 'ready' | 'failed' | 'unavailable' | null;
    renderer: string | null;
    error: string | null;
    pagesDone: number;
    sourcePages: number | null;
    capped: boolean;
    updatedAt: string | null;
    clientMayBuild: boolean;
  }[];
}

/** Answer of POST …/rendition */
export interface StartedRendition {
  expected: number;
  sourcePages: number;
  capped: boolean;
  pageCountFrom: 'server' | 'client';
  limits: { maxBytes: number; minWidth: number; maxWidth: number; maxHeight: number };
}

/** Answer of PUT …/rendition/pages/:n */
export interface PageStored {
  page: number;
  pagesDone: number;
  expected: number;
  status: 'working' | 'ready';
}

/** A client rendition left 'working' this long ago was abandoned (a closed tab): start it over. */
export const STALE_CLIENT_RENDITION_MS = 5 * 60_000;

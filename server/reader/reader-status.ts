import type { ReaderStatusView } from '../../shared/api-contract';
import { MAX_PAGES, renditionRoute } from './rendition-plan';

export interface RenditionSummary {
  status: 'waiting' | 'working' | 'ready' | 'failed' | 'unavailable' | null;
  format: 'pages' | 'html' | 'image' | null;
  pagesDone: number | null;
  sourcePages: number | null;
  capped: boolean | null;
  error: string | null;
}

/**
 * What the console shows about a document's phone reader. 'none': a type the phone opens
 * as it is (text); 'missing': no rendition was asked for (uploaded before the reader
 * existed, until the server queues it at its next start).
 */
export function readerStatus(contentType: string, r: RenditionSummary | null): ReaderStatusView {
  if (!renditionRoute(contentType)) return { status: 'none' };
  if (!r?.status) return { status: 'missing' };
  return {
    status: r.status,
    format: r.format,
    pagesDone: r.pagesDone ?? 0,
    pagesTotal: r.sourcePages === null ? null : Math.min(r.sourcePages, MAX_PAGES),
    sourcePages: r.sourcePages,
    capped: !!r.capped,
    error: r.error,
  };
}

import type { ChunkedUploadResponse, ChunkedUploadView, DocumentView } from '../../../shared/api-contract';
import { ApiFailure, api } from './client';
import { sendWithProgress, type UploadHandle, type UploadProgress } from './upload';

export interface PartsEvents {
  onProgress(p: UploadProgress): void;
  /** A part failed on the network and is sent again shortly (null: sending again now works). */
  onRetry(state: { part: number; count: number } | null): void;
  /** An upload of the same file begun earlier (before a reload) is picked up. */
  onResume(state: { done: number; count: number }): void;
}

// Waits between tries of a part: hall Wi-Fi comes back within seconds to minutes.
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
const MAX_TRIES = 12;
const REMEMBERED = 'qrhop.uploads';

/** Network failures and the server's "try again" answers are retried; refusals (4xx) are final. */
const retriable = (error: unknown) => error instanceof ApiFailure && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504 || error.code === 'upload_interrupted' || error.code === 'upload_completing');

const fileKey = (scope: string, file: File) => `${scope}|${file.name}|${file.size}|${file.lastModified}`;

/** What the parts become: a new document of a meeting, or the next version of a document. */
export interface PartsTarget<T> {
  /** Where an upload of this file is remembered for resuming: a new document and a replacement never pick up each other's. */
  scope: string;
  /** Starts the upload on the server. */
  start(file: File): Promise<ChunkedUploadResponse>;
  /** Whether an upload found again after a reload is one this target started. */
  owns(upload: ChunkedUploadView): boolean;
  /** After a completion whose answer was lost (the upload is gone): its result, if it was made. */
  recover(upload: ChunkedUploadView): Promise<T | null>;
  /**
   * A completion refused with 409 `signature_change`: asks the organizer; yes completes the same
   * upload with `confirm=1` (its joined file is kept, no part is sent again), no drops it.
   */
  confirm?(failure: ApiFailure): Promise<boolean>;
}

/** A new document of the meeting, attached to `sessionId` if given. */
export function newDocumentTarget(meetingId: string, sessionId: string | null): PartsTarget<{ documents: DocumentView[] }> {
  return {
    scope: meetingId,
    start: (file) => api<ChunkedUploadResponse>('POST', `/api/meetings/${encodeURIComponent(meetingId)}/uploads`, { filename: file.name, size: file.size, sessionId }),
    owns: (upload) => upload.replacesVersion === null,
    async recover(upload) {
      const library = await api<{ documents: DocumentView[] }>('GET', `/api/meetings/${encodeURIComponent(meetingId)}/documents`);
      const made = library.documents.filter((d) => d.id === upload.documentId);
      return made.length ? { documents: made } : null;
    },
  };
}

/** A new file for the document: its next version, with the same signature-change question as PUT /api/documents/:id/file. */
export function replacementTarget(documentId: string, confirm: (failure: ApiFailure) => Promise<boolean>): PartsTarget<{ document: DocumentView }> {
  return {
    scope: `replace:${documentId}`,
    start: (file) => api<ChunkedUploadResponse>('POST', `/api/documents/${encodeURIComponent(documentId)}/uploads`, { filename: file.name, size: file.size }),
    owns: (upload) => upload.replacesVersion !== null && upload.documentId === documentId,
    async recover(upload) {
      const library = await api<{ documents: DocumentView[] }>('GET', `/api/meetings/${encodeURIComponent(upload.meetingId)}/documents`);
      const document = library.documents.find((d) => d.id === documentId && d.version > (upload.replacesVersion ?? 0));
      return document ? { document } : null;
    },
    confirm,
  };
}

/**
 * The upload id of each file being sent, in localStorage: picking the same file again after
 * a reload (same name, size and modification time, same meeting) resumes its upload instead
 * of starting over. The server drops an upload after a day without a part.
 */
function remembered(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
function remember(key: string, uploadId: string | null) {
  const all = remembered();
  if (uploadId) all[key] = uploadId;
  else delete all[key];
  try {
    localStorage.setItem(REMEMBERED, JSON.stringify(all));
  } catch {
    // Storage full or refused: resuming after a reload is lost, nothing else.
  }
}

/** PUT one part, with its upload progress. */
async function sendPart(uploadId: string, n: number, bytes: Blob, onLoaded: (loaded: number) => void, signal: AbortSignal): Promise<ChunkedUploadView> {
  const xhr = new XMLHttpRequest();
  signal.addEventListener('abort', () => xhr.abort(), { once: true });
  const url = `/api/uploads/${encodeURIComponent(uploadId)}/parts/${n}`;
  const answer = await sendWithProgress<ChunkedUploadResponse>('PUT', url, bytes, { 'content-type': 'application/octet-stream' }, (e) => onLoaded(e.loaded), xhr);
  return answer.upload;
}

const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    reject(new ApiFailure(0, 'aborted', 'Cancelled'));
  }, { once: true });
});

/**
 * Sends one file by the chunked upload protocol (docs/http-api.md): start, then each part the
 * server does not hold yet, then complete. A part lost to the network is sent again after a
 * growing pause (1 s … 30 s), asking the server first which parts it holds, so a dropped
 * connection costs one part, never the file. Cancel aborts the upload on the server. The same
 * for a new document and for a replacement: only `target` differs.
 */
export function uploadInParts<T>(file: File, target: PartsTarget<T>, events: PartsEvents): UploadHandle<T> {
  const controller = new AbortController();
  const { signal } = controller;
  let uploadId: string | null = null;
  const key = fileKey(target.scope, file);

  async function withRetry<T>(run: () => Promise<T>, part: number, count: number): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        const result = await run();
        if (tries > 1) events.onRetry(null);
        return result;
      } catch (error) {
        if (signal.aborted || !retriable(error) || tries >= MAX_TRIES) throw error;
        events.onRetry({ part, count });
        await sleep(BACKOFF_MS[Math.min(tries - 1, BACKOFF_MS.length - 1)]!, signal);
      }
    }
  }

  async function start(): Promise<ChunkedUploadView> {
    const earlier = remembered()[key];
    if (earlier) {
      const found = await api<ChunkedUploadResponse>('GET', `/api/uploads/${encodeURIComponent(earlier)}`).catch(() => null);
      if (found && target.owns(found.upload)) {
        events.onResume({ done: found.upload.receivedParts.length, count: found.upload.partCount });
        return found.upload;
      }
      remember(key, null);
    }
    const created = await target.start(file);
    remember(key, created.upload.id);
    return created.upload;
  }

  const done = (async () => {
    let upload = await withRetry(start, 1, 1);
    uploadId = upload.id;
    const { partSize, partCount } = upload;
    const partBytes = (n: number) => Math.min(partSize, file.size - (n - 1) * partSize);
    let held = new Set(upload.receivedParts);
    const heldBytes = () => [...held].reduce((sum, n) => sum + partBytes(n), 0);
    events.onProgress({ loaded: heldBytes(), total: file.size });
    for (let n = 1; n <= partCount; n++) {
      if (held.has(n)) continue;
      const slice = file.slice((n - 1) * partSize, (n - 1) * partSize + partBytes(n));
      let first = true;
      upload = await withRetry(async () => {
        if (!first) {
          // After a failure the answer may have been lost with the connection: ask what the server holds.
          const status = await api<ChunkedUploadResponse>('GET', `/api/uploads/${encodeURIComponent(upload.id)}`);
          if (status.upload.receivedParts.includes(n)) return status.upload;
        }
        first = false;
        const base = heldBytes();
        return sendPart(upload.id, n, slice, (loaded) => events.onProgress({ loaded: base + loaded, total: file.size }), signal);
      }, n, partCount);
      held = new Set(upload.receivedParts);
      events.onProgress({ loaded: heldBytes(), total: file.size });
    }
    let sentOnce = false;
    let confirmed = false;
    const complete = () => withRetry(async () => {
      try {
        return await api<T>('POST', `/api/uploads/${encodeURIComponent(upload.id)}/complete${confirmed ? '?confirm=1' : ''}`);
      } catch (error) {
        // A completion whose answer was lost: the upload is gone and what it made exists.
        if (sentOnce && error instanceof ApiFailure && error.status === 404) {
          const made = await target.recover(upload);
          if (made) return made;
        }
        sentOnce = true;
        throw error;
      }
    }, partCount, partCount);
    let result: T;
    try {
      result = await complete();
    } catch (error) {
      if (!(target.confirm && error instanceof ApiFailure && error.code === 'signature_change')) throw error;
      // Declined: dropped on the server like a cancel (the joined file goes with it).
      if (!(await target.confirm(error))) throw new ApiFailure(0, 'aborted', 'Cancelled');
      confirmed = true;
      sentOnce = false;
      result = await complete();
    }
    remember(key, null);
    return result;
  })();

  done.catch((error: unknown) => {
    // Refused (415, 413…): the server dropped it or will; cancelled: drop it now. Network: keep it to resume.
    if (error instanceof ApiFailure && error.status !== 0) remember(key, null);
    if (error instanceof ApiFailure && error.code === 'aborted' && uploadId) {
      remember(key, null);
      void api('DELETE', `/api/uploads/${encodeURIComponent(uploadId)}`).catch(() => {});
    }
  });
  return { done, abort: () => controller.abort() };
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure } from '../../../api/client';
import { uploadFile, type UploadHandle } from '../../../api/upload';
import { newDocumentTarget, uploadInParts } from '../../../api/upload-in-parts';
import { UPLOAD_PART_BYTES } from '../../../../../shared/upload-parts';

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

export interface UploadItem {
  id: number;
  file: File;
  sessionId: string | null;
  status: UploadStatus;
  loaded: number;
  /** Bytes per second, smoothed. */
  speed: number;
  error: unknown;
  /** Sent in parts: the part being sent again after a network failure, if any. */
  retrying?: { part: number; count: number } | null;
  /** Sent in parts: picked up from an upload begun before a reload. */
  resumed?: { done: number; count: number };
}

// Two at a time (one at a time into one session): the hall's uplink is shared, and a finished file shows in the library sooner than with ten half-sent ones.
const PARALLEL = 2;

/**
 * The upload queue of the document library: each file with its own progress, speed and
 * cancel. A refused file is reported on its own line and never stops the others. Files over
 * the server's limit are refused before sending. A file larger than one part (8 MiB) goes by
 * the chunked upload protocol, so a dropped connection costs one part, not the file; a
 * smaller one goes in one request, which costs no more to send again than a part.
 */
export function useUploads(meetingId: string, maxBytes: number, onUploaded: () => void) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const handles = useRef(new Map<number, UploadHandle<unknown>>());
  const nextId = useRef(1);

  const patch = (id: number, change: Partial<UploadItem> | ((item: UploadItem) => Partial<UploadItem>)) =>
    setItems((list) => list.map((item) => (item.id === id ? { ...item, ...(typeof change === 'function' ? change(item) : change) } : item)));

  const add = (files: File[], sessionId: string | null) => {
    const added = files.map<UploadItem>((file) => {
      const tooBig = file.size > maxBytes;
      const empty = file.size === 0;
      return {
        id: nextId.current++, file, sessionId, loaded: 0, speed: 0,
        status: tooBig || empty ? 'failed' : 'waiting',
        error: tooBig ? new ApiFailure(413, 'file_too_large', 'too large', { file: file.name })
          : empty ? new ApiFailure(400, 'empty_file', 'empty', { file: file.name }) : null,
      };
    });
    setItems((list) => [...list, ...added]);
  };

  useEffect(() => {
    const running = items.filter((i) => i.status === 'uploading');
    let free = PARALLEL - running.length;
    // Files for one session go one after another: each is attached as it arrives, so the order
    // they were dropped or picked in is the order delegates see them in.
    const busy = new Set(running.map((i) => i.sessionId).filter(Boolean));
    for (const item of items) {
      if (free <= 0) break;
      if (item.status !== 'waiting' || (item.sessionId && busy.has(item.sessionId))) continue;
      start(item);
      free--;
      if (item.sessionId) busy.add(item.sessionId);
    }
  }, [items]);

  function start(item: UploadItem) {
    let last = { at: performance.now(), loaded: 0 };
    const onProgress = ({ loaded }: { loaded: number }) => {
      const now = performance.now();
      const dt = (now - last.at) / 1000;
      if (dt < 0.05) return;
      const instant = Math.max(0, (loaded - last.loaded) / dt);
      last = { at: now, loaded };
      patch(item.id, (current) => ({ loaded, speed: current.speed ? current.speed * 0.6 + instant * 0.4 : instant }));
    };
    const handle: UploadHandle<unknown> = item.file.size > UPLOAD_PART_BYTES
      ? uploadInParts(item.file, newDocumentTarget(meetingId, item.sessionId), {
        onProgress,
        onRetry: (retrying) => patch(item.id, { retrying }),
        onResume: (resumed) => patch(item.id, { resumed }),
      })
      : uploadFile('POST', `/api/meetings/${encodeURIComponent(meetingId)}/documents`, item.file, item.sessionId ? { sessionId: item.sessionId } : {}, onProgress);
    handles.current.set(item.id, handle);
    patch(item.id, { status: 'uploading' });
    handle.done.then(
      () => {
        patch(item.id, { status: 'done', loaded: item.file.size, retrying: null });
        onUploaded();
      },
      (error: unknown) => {
        const cancelled = error instanceof ApiFailure && error.code === 'aborted';
        patch(item.id, { status: cancelled ? 'cancelled' : 'failed', error, retrying: null });
        // A multi-file answer may keep some files even when refusing one: show what was kept.
        if (!cancelled) onUploaded();
      },
    ).finally(() => handles.current.delete(item.id));
  }

  const cancel = (id: number) => {
    const handle = handles.current.get(id);
    if (handle) handle.abort();
    else patch(id, (item) => (item.status === 'waiting' ? { status: 'cancelled' } : {}));
  };
  const clearFinished = () => setItems((list) => list.filter((i) => i.status === 'waiting' || i.status === 'uploading'));

  return { items, add, cancel, clearFinished };
}

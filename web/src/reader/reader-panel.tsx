import { useEffect, useRef, useState } from 'preact/hooks';
import { STALE_CLIENT_RENDITION_MS, type MeetingRenditions } from '../../../shared/rendition-api';
import { get } from '../api/client';
import { useMe } from '../auth/me-context';
import { errorText } from '../i18n/error-text';
import { useI18n } from '../i18n/i18n';
import { readerText } from './reader-panel-text';

type Doc = MeetingRenditions['documents'][number];

interface Progress {
  title: string;
  done: number;
  total: number;
}

/** A PDF this browser should render now: the server has no PDF renderer and the rendition is missing (or abandoned). */
function needsBrowser(doc: Doc, now: number): boolean {
  if (doc.route !== 'pdf' || !doc.clientMayBuild) return false;
  if (doc.status === 'unavailable') return true;
  // A rendition another tab started and left (closed mid-way) is started over.
  return doc.status === 'working' && doc.renderer === 'browser-pdfjs' && now - Date.parse(doc.updatedAt ?? '') > STALE_CLIENT_RENDITION_MS;
}

/**
 * What the phone reader needs from this organizer on a server that cannot render
 * everything itself (Workers; Node without poppler or LibreOffice): PDFs are rendered
 * here with PDF.js (loaded only then) and uploaded page by page; Office files other
 * than .docx get a plain statement of what is needed. Shows nothing otherwise.
 */
export function ReaderPanel({ meetingId, version }: { meetingId: string; version: unknown }) {
  const i18n = useI18n();
  const { lang } = i18n;
  const { user } = useMe();
  const [state, setState] = useState<MeetingRenditions | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [messages, setMessages] = useState<{ kind: 'info' | 'error'; text: string }[]>([]);
  const busy = useRef(false);
  const failed = useRef(new Set<string>());
  // One controller for the panel's life: a reload of the list (every few seconds while readers are
  // made) must not stop a render half-way; leaving the tab does.
  const controllerRef = useRef(new AbortController());
  useEffect(() => () => controllerRef.current.abort(), []);

  const load = async () => {
    try {
      setState(await get<MeetingRenditions>(`/api/meetings/${encodeURIComponent(meetingId)}/renditions`));
    } catch {
      // the documents table shows connection problems; this panel just waits for the next change
    }
  };
  // Reloaded whenever the meeting's documents change (an upload, a replace, a delete).
  useEffect(() => void load(), [meetingId, version]);
  // While the server still has PDFs waiting for its queue to say what it does with them, look again shortly.
  useEffect(() => {
    if (!state || state.renders.pdf || !state.documents.some((d) => d.route === 'pdf' && (d.status === 'waiting' || d.status === null))) return;
    const timer = setTimeout(() => void load(), 3000);
    return () => clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    if (!state || state.renders.pdf || busy.current) return;
    const todo = state.documents.filter((d) => needsBrowser(d, Date.now()) && !failed.current.has(`${d.documentId}/${d.version}`));
    if (todo.length === 0) return;
    busy.current = true;
    const controller = controllerRef.current;
    void (async () => {
      const { renderPdfInBrowser, PdfOpenError } = await import('./pdf-pages');
      for (const doc of todo) {
        if (controller.signal.aborted) break;
        setProgress({ title: doc.title, done: 0, total: 0 });
        let pages = 0;
        try {
          await renderPdfInBrowser(doc, (done, total) => {
            pages = total;
            setProgress({ title: doc.title, done, total });
          }, controller.signal);
          setMessages((m) => [...m, { kind: 'info', text: readerText(lang, 'done', { title: doc.title, total: pages }) }]);
        } catch (error) {
          if (controller.signal.aborted) break;
          failed.current.add(`${doc.documentId}/${doc.version}`);
          const reason = error instanceof PdfOpenError ? readerText(lang, error.code) : errorText(error, i18n);
          setMessages((m) => [...m, { kind: 'error', text: readerText(lang, 'failed', { title: doc.title, reason }) }]);
        }
      }
      setProgress(null);
      busy.current = false;
      if (!controller.signal.aborted) await load();
    })();
  }, [state]);

  if (!state) return null;
  const office = state.renders.office ? [] : state.documents.filter((d) => d.route === 'office' && d.clientMayBuild && d.status !== 'ready' && d.status !== 'working');
  const waitingPdfs = state.renders.pdf ? 0 : state.documents.filter((d) => needsBrowser(d, Date.now())).length;
  if (!progress && !office.length && !messages.length && !waitingPdfs) return null;
  const command = `npx qrhop renditions build --server ${location.origin} --email ${user.email}`;
  return (
    <section class="reader-panel" aria-label={readerText(lang, 'heading')}>
      {progress && (
        <p class="notice notice-info" role="status">
          {readerText(lang, 'working', { title: progress.title, done: progress.done, total: progress.total || '…' })}
          <progress max={progress.total || 1} value={progress.done} />
        </p>
      )}
      {!progress && waitingPdfs > 0 && <p class="notice notice-info" role="status">{readerText(lang, 'waiting', { count: waitingPdfs })}</p>}
      {messages.map((m, i) => <p key={i} class={`notice notice-${m.kind}`}>{m.text}</p>)}
      {office.length > 0 && (
        <p class="notice notice-info" data-reader-office>
          {readerText(lang, 'office', { count: office.length, names: office.map((d) => d.filename).join(', '), command: '' })}
          <code class="reader-command">{command}</code>
        </p>
      )}
    </section>
  );
}

import { eq } from 'drizzle-orm';
import { renditionPages, renditions } from '../../server/db/schema';
import type { JobHandler } from '../../server/jobs/job-handler';
import { JobRunner } from '../../server/jobs/job-runner';
import { RENDER_DOCUMENT } from '../../server/reader/queue-rendition';
import type { ReaderPorts } from '../../server/reader/reader-ports';
import { PDF_FILE_ROW } from '../../server/reader/rendition-plan';
import { renderDocumentJob, type RenderJobOptions } from '../../server/reader/render-document-job';
import { nodeReaderPorts } from '../../server/runtime/node/reader/node-reader-ports';
import { makeDelegateApp, type Transport } from '../delegate/delegate-harness';

/**
 * The delegate harness plus the real job runner with the Node renderers (poppler,
 * LibreOffice, sharp, mammoth in its child process), as the Node server runs them.
 */
export async function makeReaderApp(options: { transport?: Transport; ports?: ReaderPorts; render?: RenderJobOptions; handlers?: Record<string, JobHandler>; start?: boolean } = {}) {
  const h = await makeDelegateApp({ transport: options.transport });
  const ports = options.ports ?? (await nodeReaderPorts(() => {}));
  const runner = new JobRunner({ db: h.db.db, now: () => h.clock.now }, options.handlers ?? { [RENDER_DOCUMENT]: renderDocumentJob(h.store, ports, options.render) }, { concurrency: 1, log: () => {} });
  h.deps.jobs = runner;
  if (options.start !== false) await runner.start({ ownsDatabase: true });

  /** A published meeting with one session; returns its code and ids. */
  async function openMeeting() {
    const m = await h.meeting();
    const s = await h.session(m.id, { title: 'Phiên khai mạc' });
    await h.publish(m.id);
    return { meetingId: m.id, sessionId: s.id, token: s.token };
  }

  async function uploadFile(meetingId: string, sessionId: string, name: string, bytes: Uint8Array) {
    const r = await h.admin.upload(`/api/meetings/${meetingId}/documents`, [{ name, bytes }], { sessionId });
    if (r.status !== 201) throw new Error(`upload ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.documents[0] as { id: string; title: string; version: number };
  }

  const rendition = async (documentId: string) => (await h.db.db.select().from(renditions).where(eq(renditions.documentId, documentId)));
  // Page and Word-image rows; an Office file's kept PDF (the meeting book's source, PDF_FILE_ROW) is not a page.
  const pages = async (documentId: string) => (await h.db.db.select().from(renditionPages).where(eq(renditionPages.documentId, documentId)).orderBy(renditionPages.version, renditionPages.page))
    .filter((r) => r.page !== PDF_FILE_ROW);

  /** Every stored key (the store's own listing). */
  const keys = async () => {
    const all: string[] = [];
    for await (const item of h.store.list()) all.push(item.key);
    return all;
  };

  return {
    ...h, runner, ports, openMeeting, uploadFile, rendition, pages, keys,
    close: async () => {
      await runner.stop();
      await h.close();
    },
  };
}

export type ReaderApp = Awaited<ReturnType<typeof makeReaderApp>>;

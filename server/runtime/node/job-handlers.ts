import type { JobHandler } from '../../jobs/job-handler';
import { RENDER_DOCUMENT } from '../../reader/queue-rendition';
import type { ReaderPorts } from '../../reader/reader-ports';
import { renderDocumentJob } from '../../reader/render-document-job';
import type { ObjectStore } from '../../storage/object-store';

/** The job kinds the Node server runs, by kind name. Add a kind here (see docs/reader.md). */
export function nodeJobHandlers(store: ObjectStore, reader: ReaderPorts): Record<string, JobHandler> {
  return {
    [RENDER_DOCUMENT]: renderDocumentJob(store, reader),
  };
}

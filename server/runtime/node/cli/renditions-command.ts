import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { STALE_CLIENT_RENDITION_MS, type MeetingRenditions, type PageStored, type StartedRendition } from '../../../../shared/rendition-api';
import { JobFailure } from '../../../jobs/job-handler';
import type { OfficeRenderer, PageRenderer, PageSink, RenderSource } from '../../../reader/reader-ports';
import { MAX_PAGES } from '../../../reader/rendition-plan';
import { LibreOfficeRenderer } from '../reader/libreoffice-renderer';
import { OPTIONAL_TOOLS_APT } from '../reader/node-reader-ports';
import { PopplerRenderer } from '../reader/poppler-renderer';
import { hasTool } from '../reader/run-tool';

type Doc = MeetingRenditions['documents'][number];

/** A refusal from the server, with its code and message as the API gave them. */
class ServerRefusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * The organizer API as a script uses it: a login session cookie, no browser headers (so
 * the CSRF guard, which refuses cross-site browser requests, lets it through).
 */
class ApiSession {
  private cookie = '';

  constructor(readonly server: string) {}

  async request(method: string, path: string, body?: BodyInit | object): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res: Response | undefined;
    // Once more after a network error: a render can outlast the server's idle keep-alive, and the
    // reused connection is then found closed only when written to (EPIPE). Every call here may be repeated.
    for (let attempt = 1; !res; attempt++) {
      try {
        res = await fetch(new URL(path, this.server), { method, headers, body: payload, redirect: 'manual' });
      } catch (error) {
        if (attempt < 2) continue;
        throw new Error(`cannot reach ${this.server}: ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : String(error)}`);
      }
    }
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      if (pair.startsWith('qrhop_session=')) this.cookie = pair;
    }
    if (!res.ok) {
      const error = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ServerRefusal(res.status, error?.code ?? `http_${res.status}`, error?.message ?? `HTTP ${res.status}`);
    }
    return res;
  }

  async json<T>(method: string, path: string, body?: BodyInit | object): Promise<T> {
    return (await (await this.request(method, path, body)).json()) as T;
  }
}

/** The password: QRHOP_PASSWORD, else asked on the terminal without echo (or read from piped input). */
async function readPassword(email: string): Promise<string> {
  if (process.env.QRHOP_PASSWORD) return process.env.QRHOP_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) {
    // Echo off for what is typed after the prompt.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void });
    const prompt = `Password for ${email}: `;
    write._writeToOutput = (s: string) => void process.stdout.write(s.startsWith(prompt) ? prompt : s.includes('\n') ? '\n' : '');
  }
  try {
    return await new Promise<string>((resolve) => rl.question(`Password for ${email}: `, resolve));
  } finally {
    rl.close();
  }
}

/** A rendition this command should build: the server cannot, and nobody did (or a client left it half done). */
function missing(doc: Doc, renders: MeetingRenditions['renders'], now: number): boolean {
  if ((doc.route !== 'pdf' && doc.route !== 'office') || !doc.clientMayBuild) return false;
  if (doc.status === 'unavailable') return true;
  // A server that renders this type and failed (a locked PDF) would fail here too: not retried on every run.
  if (doc.status === 'failed') return !renders[doc.route];
  return doc.status === 'working' && doc.renderer !== null && !['poppler', 'libreoffice+poppler'].includes(doc.renderer)
    && now - Date.parse(doc.updatedAt ?? '') > STALE_CLIENT_RENDITION_MS;
}

/** Renders one document here and uploads its pages; returns the pages stored. */
async function buildOne(api: ApiSession, doc: Doc, renderers: { pdf?: PageRenderer; office?: OfficeRenderer }): Promise<number> {
  const base = `/api/documents/${encodeURIComponent(doc.documentId)}/versions/${doc.version}`;
  const source: RenderSource = {
    size: doc.size, contentType: doc.contentType, filename: doc.filename,
    open: async () => (await api.request('GET', `${base}/source`)).body!,
  };
  let expected = 0;
  let stored = 0;
  const sink: PageSink = {
    count: async (sourcePages) => {
      const started = await api.json<StartedRendition>('POST', `${base}/rendition`, { pages: sourcePages, renderer: doc.route === 'pdf' ? 'cli-poppler' : 'cli-libreoffice+poppler' });
      expected = started.expected;
    },
    page: async (page) => {
      const form = new FormData();
      form.append('image', new Blob([page.bytes as Uint8Array<ArrayBuffer>], { type: page.contentType }), `p${page.page}`);
      form.append('text', page.text);
      const result = await api.json<PageStored>('PUT', `${base}/rendition/pages/${page.page}`, form);
      stored = result.pagesDone;
      process.stdout.write(`\r  page ${page.page}/${expected}`);
    },
  };
  const signal = new AbortController().signal;
  try {
    if (doc.route === 'pdf') await renderers.pdf!.renderPdf(source, sink, { maxPages: MAX_PAGES, signal });
    else await renderers.office!.renderOffice(source, sink, { maxPages: MAX_PAGES, signal });
  } finally {
    if (expected) process.stdout.write('\n');
  }
  return stored;
}

export const renditionsCommand = {
  usage: 'renditions build --server URL --email EMAIL [--meeting ID] [--dry-run]   make the phone readers a server cannot (Workers: PDFs and Office files; Node without LibreOffice) with this machine\'s poppler and LibreOffice, and upload them (password: QRHOP_PASSWORD or asked)',
  async run(args: string[]) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { server: { type: 'string' }, email: { type: 'string' }, meeting: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' } },
    });
    if (positionals[0] !== 'build') throw new Error(`usage: qrhop ${renditionsCommand.usage}`);
    if (!values.server || !/^https?:\/\//.test(values.server)) throw new Error('--server: the address of a running QRHop (https://… or http://…)');
    if (!values.email) throw new Error('--email: the organizer account to log in with');

    const [poppler, soffice] = await Promise.all([hasTool('pdftoppm'), hasTool('soffice')]);
    const pdf = poppler ? new PopplerRenderer() : undefined;
    const renderers = { pdf, office: pdf && soffice ? new LibreOfficeRenderer(pdf) : undefined };

    const api = new ApiSession(values.server);
    try {
      await api.json('POST', '/api/auth/login', { email: values.email, password: await readPassword(values.email) });
    } catch (error) {
      throw new Error(error instanceof ServerRefusal ? `login refused: ${error.message}` : (error as Error).message);
    }
    const { meetings } = await api.json<{ meetings: { id: string; title: string }[] }>('GET', '/api/meetings');
    const chosen = values.meeting?.length ? meetings.filter((m) => values.meeting!.includes(m.id)) : meetings;
    if (values.meeting?.length && chosen.length < values.meeting.length) throw new Error(`no such meeting (or not yours): ${values.meeting.filter((id) => !meetings.some((m) => m.id === id)).join(', ')}`);

    let built = 0;
    let failed = 0;
    let skipped = 0;
    for (const meeting of chosen) {
      const state = await api.json<MeetingRenditions>('GET', `/api/meetings/${encodeURIComponent(meeting.id)}/renditions`);
      const todo = state.documents.filter((d) => missing(d, state.renders, Date.now()));
      for (const doc of todo) {
        const renderer = doc.route === 'pdf' ? renderers.pdf : renderers.office;
        const label = `${meeting.title} / ${doc.filename}`;
        if (!renderer) {
          skipped++;
          console.log(`- ${label}: needs ${doc.route === 'pdf' ? 'poppler-utils' : 'LibreOffice'} on this machine`);
          continue;
        }
        if (values['dry-run']) {
          console.log(`- ${label}: would build (${doc.status}${doc.error ? `: ${doc.error}` : ''})`);
          continue;
        }
        console.log(`- ${label}`);
        try {
          const pages = await buildOne(api, doc, renderers);
          built++;
          console.log(`  ready: ${pages} page(s)`);
        } catch (error) {
          failed++;
          const reason = error instanceof JobFailure || error instanceof ServerRefusal ? `${error.code}: ${error.message}` : (error as Error).message;
          console.log(`  failed: ${reason}`);
        }
      }
    }
    console.log(`renditions: ${built} built, ${failed} failed, ${skipped} skipped${values['dry-run'] ? ' (dry run)' : ''}`);
    if (skipped) console.log(`To render everything here: ${OPTIONAL_TOOLS_APT}`);
    if (failed) process.exitCode = 1;
  },
};

// `qrhop renditions build` against a running Node server that renders nothing itself (started
// with no poppler or LibreOffice on its PATH, as a Worker): the CLI renders a PDF and an .xlsx
// here with poppler and LibreOffice and uploads the pages through the rendition API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { inspectRendition } from '../support/inspect-rendition';
import { runCli } from '../support/run-cli';
import { startServer, type RunningServer } from '../support/start-server';
import { makeVietnamesePdf } from '../support/vietnamese-pdf';
import { makeXlsx, VI } from './office-fixtures';

const ADMIN = { email: 'admin@example.org', password: 'mat-khau-quan-tri-2025' };
const TITLE = 'Báo cáo thẩm tra dự toán ngân sách địa phương';
let server: RunningServer;
let api: ApiClient;
let meetingId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  const files = [
    { name: 'Báo cáo thẩm tra.pdf', bytes: await makeVietnamesePdf([TITLE, 'Trang hai']), type: 'application/pdf' },
    { name: 'Dự toán.xlsx', bytes: new Uint8Array(makeXlsx()), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  ];
  // Files first: makeXlsx runs soffice synchronously, which would leave this process's kept-alive connections stale.
  server = await startServer({ QRHOP_ADMIN_EMAIL: ADMIN.email, QRHOP_ADMIN_PASSWORD: ADMIN.password, PATH: mkdtempSync(join(tmpdir(), 'qrhop-no-tools-')) });
  api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.email, ADMIN.password);
  meetingId = (await api.post('/api/meetings', { title: 'Kỳ họp chuyên đề' })).body.meeting.id;
  for (const file of files) {
    const up = await api.upload(`/api/meetings/${meetingId}/documents`, [file]);
    expect(up.status).toBe(201);
    ids[file.name] = up.body.documents[0].id;
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('qrhop renditions build', { timeout: 180_000 }, () => {
  it('starts from a server whose queue marked both documents as beyond it', async () => {
    await expect.poll(async () => (await api.get(`/api/meetings/${meetingId}/renditions`)).body.documents.map((d: any) => [d.status, d.error]), { timeout: 20_000 })
      .toEqual([['unavailable', 'no_renderer'], ['unavailable', 'no_libreoffice']]);
  });

  it('refuses a wrong password clearly', async () => {
    const run = await runCli(['renditions', 'build', '--server', server.url, '--email', ADMIN.email], { QRHOP_PASSWORD: 'not-the-password' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('qrhop: login refused:');
  });

  it('lists what it would build with --dry-run, and builds nothing', async () => {
    const run = await runCli(['renditions', 'build', '--server', server.url, '--email', ADMIN.email, '--dry-run'], { QRHOP_PASSWORD: ADMIN.password });
    expect(run.code).toBe(0);
    expect(run.output).toContain('Kỳ họp chuyên đề / Báo cáo thẩm tra.pdf: would build (unavailable: no_renderer)');
    expect(run.output).toContain('Kỳ họp chuyên đề / Dự toán.xlsx: would build (unavailable: no_libreoffice)');
    expect(run.output).toContain('renditions: 0 built, 0 failed, 0 skipped (dry run)');
  });

  it('renders the PDF with poppler and the .xlsx with LibreOffice here, and uploads them: both ready, text exact', async () => {
    const started = Date.now();
    const run = await runCli(['renditions', 'build', '--server', server.url, '--email', ADMIN.email], { QRHOP_PASSWORD: ADMIN.password });
    console.log(`qrhop renditions build: ${Date.now() - started} ms\n${run.output}`);
    expect(run.code).toBe(0);
    expect(run.output).toContain('renditions: 2 built, 0 failed, 0 skipped');
    const list = (await api.get(`/api/meetings/${meetingId}/renditions`)).body.documents;
    expect(list.map((d: any) => [d.filename, d.status, d.renderer])).toEqual([
      ['Báo cáo thẩm tra.pdf', 'ready', 'cli-poppler'],
      ['Dự toán.xlsx', 'ready', 'cli-libreoffice+poppler'],
    ]);
    const pdfPages = inspectRendition(server.dataDir, ids['Báo cáo thẩm tra.pdf']!);
    expect(pdfPages).toHaveLength(2);
    expect(pdfPages[0]!.width).toBe(860);
    expect(pdfPages[0]!.text).toContain(TITLE);
    const sheet = inspectRendition(server.dataDir, ids['Dự toán.xlsx']!);
    expect(sheet.length).toBeGreaterThanOrEqual(1);
    expect(sheet.map((p) => p.text).join('\n')).toContain(VI.sheet);
  });

  it('finds nothing left to build on a second run', async () => {
    const run = await runCli(['renditions', 'build', '--server', server.url, '--email', ADMIN.email], { QRHOP_PASSWORD: ADMIN.password });
    expect(run.code).toBe(0);
    expect(run.output).toContain('renditions: 0 built, 0 failed, 0 skipped');
  });
});

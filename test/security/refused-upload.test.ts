// Finding 11: an upload answered 400 (another meeting's sessionId) still kept its files in the
// library. An upload refused as a whole now keeps nothing: no document row, no stored object.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { makeNodeApp, type NodeTestApp } from '../support/node-app';
import { makePdf } from '../support/sample-files';

/** Files under the store's folder, its temporary folder left aside. */
function storedFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === '.tmp') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else out.push(path);
    }
  };
  visit(root);
  return out;
}

describe('an upload refused as a whole (finding 11)', () => {
  let t: NodeTestApp;
  let api: ApiClient;
  let mine: string;
  let othersSession: string;
  beforeAll(async () => {
    t = await makeNodeApp();
    await t.addUser({ email: 'bto@example.org', name: 'BTC', password: 'refused-upload-Pw-1', role: 'admin' });
    api = new ApiClient(t.fetch);
    await api.login('bto@example.org', 'refused-upload-Pw-1');
    mine = (await api.post('/api/meetings', { title: 'Của tôi' })).body.meeting.id;
    const other = (await api.post('/api/meetings', { title: 'Của người khác' })).body.meeting.id;
    othersSession = (await api.post(`/api/meetings/${other}/sessions`, { title: 'Phiên' })).body.session.id;
  });
  afterAll(() => t?.close());

  const files = [{ name: 'Báo cáo.pdf', bytes: makePdf('bao cao', 30_000) }, { name: 'Phụ lục.pdf', bytes: makePdf('phu luc', 30_000) }];

  it("keeps no file when the sessionId is another meeting's (sent after the files)", async () => {
    const form = new FormData();
    for (const f of files) form.append('file', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: 'application/pdf' }));
    form.append('sessionId', othersSession);
    const res = await api.fetch(`/api/meetings/${mine}/documents`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect((await res.json()).error.field).toBe('sessionId');
    expect((await api.get(`/api/meetings/${mine}/documents`)).body.documents).toEqual([]);
    expect(storedFiles(join(t.dir, 'objects'))).toEqual([]);
  });

  it('keeps no file when the sessionId comes first, nor when a text field is too large', async () => {
    const before = await api.upload(`/api/meetings/${mine}/documents`, files, { sessionId: othersSession });
    expect(before.status).toBe(400);
    const form = new FormData();
    form.append('file', new File([files[0]!.bytes as Uint8Array<ArrayBuffer>], files[0]!.name, { type: 'application/pdf' }));
    form.append('sessionId', 'x'.repeat(5000));
    expect((await api.fetch(`/api/meetings/${mine}/documents`, { method: 'POST', body: form })).status).toBe(413);
    expect((await api.get(`/api/meetings/${mine}/documents`)).body.documents).toEqual([]);
    expect(storedFiles(join(t.dir, 'objects'))).toEqual([]);
    const audit = (await api.get(`/api/audit?meetingId=${mine}`)).body.entries.map((e: { action: string }) => e.action);
    expect(audit).not.toContain('document.upload');
  });
});

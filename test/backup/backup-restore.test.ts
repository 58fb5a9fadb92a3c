import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { runCli } from '../support/run-cli';
import { makePdf, sha256 } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'backup-test-password' };

async function snapshot(server: RunningServer) {
  const api = new ApiClient((path, init) => fetch(server.url + path, init));
  await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
  const meetings = (await api.get('/api/meetings')).body.meetings;
  const result: Record<string, { title: string; files: Record<string, string> }> = {};
  for (const m of meetings) {
    const detail = (await api.get(`/api/meetings/${m.id}`)).body;
    const files: Record<string, string> = {};
    for (const s of detail.sessions) {
      for (const docId of s.documentIds) {
        const res = await fetch(`${server.url}/s/${s.codes[0].token}/d/${docId}`);
        files[docId] = await sha256(new Uint8Array(await res.arrayBuffer()));
      }
    }
    result[m.id] = { title: detail.meeting.title, files };
  }
  return result;
}

describe('backup while serving, restore into a fresh data dir', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.kill();
  });

  it('restores every meeting with the same documents and byte-identical files', async () => {
    const server = await startServer(ADMIN);
    servers.push(server);
    const api = new ApiClient((path, init) => fetch(server.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const tokens: string[] = [];
    for (const title of ['Hội nghị tổng kết', 'Kỳ họp HĐND']) {
      const meeting = (await api.post('/api/meetings', { title })).body.meeting;
      const session = (await api.post(`/api/meetings/${meeting.id}/sessions`, { title: 'Phiên 1' })).body.session;
      const up = await api.upload(`/api/meetings/${meeting.id}/documents`, [
        { name: `${title} - báo cáo.pdf`, bytes: makePdf(title, 200_000) },
        { name: 'Phụ lục.pdf', bytes: makePdf('phu luc', 50_000) },
      ], { sessionId: session.id });
      expect(up.status).toBe(201);
      await api.patch(`/api/meetings/${meeting.id}`, { status: 'published' });
      tokens.push((await api.get(`/api/sessions/${session.id}/codes`)).body.codes[0].token);
    }
    const before = await snapshot(server);

    // Delegates keep reading while the backup runs.
    let stop = false;
    let served = 0;
    const load = (async () => {
      while (!stop) {
        await Promise.all(tokens.map(async (t) => {
          const res = await fetch(`${server.url}/s/${t}`);
          await res.text();
          if (res.ok) served++;
        }));
      }
    })();
    const backupDir = join(mkdtempSync(join(tmpdir(), 'qrhop-backup-')), 'b');
    const backup = await runCli(['backup', backupDir], { DATA_DIR: server.dataDir });
    stop = true;
    await load;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain('Backed up 4 document file(s)');
    expect(served).toBeGreaterThan(0);

    const freshDir = mkdtempSync(join(tmpdir(), 'qrhop-restored-'));
    const restore = await runCli(['restore', backupDir], { DATA_DIR: freshDir });
    expect(restore.code, restore.output).toBe(0);
    expect((await runCli(['restore', backupDir], { DATA_DIR: freshDir })).output).toContain('not empty');

    const restored = await startServer(ADMIN, { dataDir: freshDir });
    servers.push(restored);
    expect(await snapshot(restored)).toEqual(before);
    // Phone renditions are not in the backup: the restored server makes them again.
    expect(restored.output()).toMatch(/Reader: +4 document\(s\) queued/);
    const again = new ApiClient((path, init) => fetch(restored.url + path, init));
    await again.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const readers = async () => (await Promise.all(Object.keys(before).map(async (id) => (await again.get(`/api/meetings/${id}/documents`)).body.documents as { reader: { status: string } }[])))
      .flat().map((d) => d.reader.status);
    await expect.poll(readers, { timeout: 60_000, interval: 250 }).toEqual(['ready', 'ready', 'ready', 'ready']);
  }, 120_000);
});

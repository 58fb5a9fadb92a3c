// Finding 4: with umask 022 the database (code tokens, PIN hashes), every stored document and
// backups were world-readable. Everything under DATA_DIR and a backup is now 0600 (files) and
// 0700 (folders) whatever the umask, and an older data dir is tightened at start.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { runCli } from '../support/run-cli';
import { makePdf } from '../support/sample-files';
import { startServer, type RunningServer } from '../support/start-server';

const ADMIN = { QRHOP_ADMIN_EMAIL: 'admin@example.org', QRHOP_ADMIN_PASSWORD: 'modes-test-Pw-2026' };

/** Every path under `root` (itself included) whose mode is not 0700 (folder) or 0600 (file). */
function looseModes(root: string): string[] {
  const loose: string[] = [];
  const visit = (path: string) => {
    const st = statSync(path);
    const mode = st.mode & 0o777;
    if (st.isDirectory()) {
      if (mode !== 0o700) loose.push(`${path} ${mode.toString(8)}`);
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (mode !== 0o600) loose.push(`${path} ${mode.toString(8)}`);
  };
  visit(root);
  return loose;
}

// Each case starts a real server (or CLI processes): at a load average near 20 on two cores, 30 s is not enough.
describe('data dir modes (finding 4)', { timeout: 120_000 }, () => {
  const servers: RunningServer[] = [];
  const umask = process.umask(0o022); // what most systems run with; children inherit it
  afterAll(async () => {
    process.umask(umask);
    for (const s of servers) await s.kill();
  });

  it('creates the database, WAL/SHM, objects and backups 0600/0700 under umask 022, and tightens an old data dir at start', async () => {
    // An installation made by an older version: everything readable by all.
    const dataDir = mkdtempSync(join(tmpdir(), 'qrhop-modes-'));
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'objects', 'docs', 'old'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'objects', 'docs', 'old', 'confidential'), 'old document', { mode: 0o644 });

    const server = await startServer(ADMIN, { dataDir });
    servers.push(server);
    const api = new ApiClient((path, init) => fetch(server.url + path, init));
    await api.login(ADMIN.QRHOP_ADMIN_EMAIL, ADMIN.QRHOP_ADMIN_PASSWORD);
    const meeting = (await api.post('/api/meetings', { title: 'Mật' })).body.meeting;
    expect((await api.upload(`/api/meetings/${meeting.id}/documents`, [{ name: 'Tờ trình mật.pdf', bytes: makePdf('mat', 20_000) }])).status).toBe(201);

    const names = readdirSync(dataDir);
    expect(names).toEqual(expect.arrayContaining(['qrhop.db', 'qrhop.db-wal', 'qrhop.db-shm', 'secret', 'objects']));
    expect(looseModes(dataDir)).toEqual([]);

    const backupDir = join(mkdtempSync(join(tmpdir(), 'qrhop-modes-backup-')), 'b');
    const backup = await runCli(['backup', backupDir], { DATA_DIR: dataDir });
    expect(backup.code, backup.output).toBe(0);
    expect(looseModes(backupDir)).toEqual([]);
  });
});

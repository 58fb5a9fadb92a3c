import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UploadRefused } from '../../../documents/receive-file';
import { storeNewDocument } from '../../../documents/upload-documents';
import { createMeeting } from '../../../meetings/meeting-domain';
import { setSessionDocuments } from '../../../sessions/session-documents';
import { createSession } from '../../../sessions/session-domain';
import { cliUser } from './cli-user';
import { nodeConfig, openNodeDatabase, openNodeStore } from './node-context';

// "Phiên 2" before "Phiên 10", Vietnamese letters in dictionary order.
const byName = (a: string, b: string) => a.localeCompare(b, 'vi', { numeric: true });

export const importCommand = {
  usage: 'import <folder> [--title T] [--as EMAIL]               a meeting from a folder: sub-folders are sessions, files are documents',
  async run(args: string[]) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { title: { type: 'string' }, as: { type: 'string' } } });
    const [folder] = positionals;
    if (!folder) throw new Error('usage: qrhop import <folder>');
    const root = resolve(folder);
    const config = nodeConfig();
    const database = openNodeDatabase();
    const store = await openNodeStore();
    const { db } = database;
    const now = () => Date.now();
    try {
      const user = await cliUser(db, values.as);
      const meeting = await createMeeting(db, user, { title: (values.title ?? basename(root)).normalize('NFC'), venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, now());
      const deps = { db, store, now, maxUploadBytes: config.maxUploadBytes };
      const entries = (await readdir(root, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
      let stored = 0;
      const refused: string[] = [];
      const importFile = async (path: string) => {
        try {
          const id = await storeNewDocument(deps, meeting.id, user, Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, basename(path).normalize('NFC'));
          stored++;
          return id;
        } catch (error) {
          if (!(error instanceof UploadRefused)) throw error;
          refused.push(`${path}: ${error.message}`);
          return null;
        }
      };
      for (const entry of entries.filter((e) => e.isFile())) await importFile(join(root, entry.name));
      const folders = entries.filter((e) => e.isDirectory());
      for (const dir of folders) {
        const session = await createSession(db, user, meeting.id, { title: dir.name.normalize('NFC'), room: '' }, now());
        const files = (await readdir(join(root, dir.name), { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).sort((a, b) => byName(a.name, b.name));
        const ids: string[] = [];
        for (const file of files) {
          const id = await importFile(join(root, dir.name, file.name));
          if (id) ids.push(id);
        }
        await setSessionDocuments(db, user, meeting, session.id, ids, now());
      }
      console.log(`Created meeting "${meeting.title}" (id ${meeting.id}) with ${folders.length} session(s) and ${stored} document(s).`);
      for (const line of refused) console.log(`  skipped ${line}`);
    } finally {
      database.close();
    }
  },
};

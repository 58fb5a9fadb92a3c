import { resolve } from 'node:path';
import { backupData, restoreData } from '../backup-data';
import { nodeConfig } from './node-context';

export const backupCommand = {
  usage: 'backup <folder>                                    back up the database and documents (safe while the server runs)',
  async run(args: string[]) {
    const [target] = args;
    if (!target) throw new Error('usage: qrhop backup <folder>');
    const config = nodeConfig();
    const manifest = await backupData(config.dataDir, resolve(target), config.storage);
    console.log(`Backed up ${manifest.objects.length} document file(s) to ${resolve(target)}${manifest.omitted.length ? ` (${manifest.omitted.length} deleted during the backup, left out)` : ''}.`);
  },
};

export const restoreCommand = {
  usage: 'restore <folder>                                   restore a backup into an empty DATA_DIR (server stopped)',
  async run(args: string[]) {
    const [source] = args;
    if (!source) throw new Error('usage: qrhop restore <folder>');
    const config = nodeConfig();
    const manifest = await restoreData(resolve(source), config.dataDir);
    console.log(`Restored ${manifest.objects.length} document file(s) into ${config.dataDir}, all hashes verified.`);
  },
};

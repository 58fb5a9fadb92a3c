// CLI entry (Node): the tasks organizers and admins script. One file per command.
import { ConfigError } from '../config';
import { createPrivateFiles } from '../node-file-modes';
import { backupCommand, restoreCommand } from './backup-command';
import { purgeCommand } from './purge-command';
import { renditionsCommand } from './renditions-command';
import { sweepCommand } from './sweep-command';
import { importCommand } from './import-command';
import { sheetsCommand } from './sheets-command';
import { userCommand } from './user-command';

interface Command {
  usage: string;
  run(args: string[]): Promise<void>;
}

const commands: Record<string, Command> = {
  user: userCommand,
  sheets: sheetsCommand,
  import: importCommand,
  purge: purgeCommand,
  sweep: sweepCommand,
  backup: backupCommand,
  restore: restoreCommand,
  renditions: renditionsCommand,
};

const usage = () => `Usage: qrhop <command> [options]\n\nCommands:\n${Object.values(commands).map((c) => `  ${c.usage}`).join('\n')}\n`;

export async function runCli(argv: string[]) {
  createPrivateFiles(); // backups, restored data and imported documents: the owner's only
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log(usage());
    process.exitCode = name && name !== 'help' && name !== '--help' ? 2 : 0;
    return;
  }
  await command.run(args);
}

runCli(process.argv.slice(2)).catch((error) => {
  console.error(`qrhop: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

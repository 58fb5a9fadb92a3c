// CLI entry (Node): admin tasks organizers and admins script.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createUserInput } from '../shared/schemas';
import { addUser } from './auth/users';
import { ConfigError, parseConfig } from './config';
import { lanAddress, openDatabase } from './node-ports';

const USAGE = `Usage: qrhop <command> [options]

Commands:
  user add --email E --name N [--password P] [--admin]   create an account (password asked if not given)
`;

type Command = (args: string[]) => Promise<void>;

async function askPassword(): Promise<string> {
  if (process.env.QRHOP_PASSWORD) return process.env.QRHOP_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('give --password or set QRHOP_PASSWORD (no terminal to ask)');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('Password (at least 10 characters): ');
  } finally {
    rl.close();
  }
}

const commands: Record<string, Command> = {
  async user(args) {
    const [action, ...rest] = args;
    if (action !== 'add') throw new Error(`unknown: user ${action ?? ''}\n${USAGE}`);
    const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, admin: { type: 'boolean' } } });
    const input = createUserInput.safeParse({
      email: values.email, name: values.name ?? values.email?.split('@')[0], password: values.password ?? (await askPassword()), role: values.admin ? 'admin' : 'organizer',
    });
    if (!input.success) {
      const issue = input.error.issues[0]!;
      throw new Error(`${issue.path.join('.')}: ${issue.message}`);
    }
    const config = parseConfig(process.env, lanAddress());
    const database = openDatabase(config);
    try {
      const user = await addUser(database.db, input.data, Date.now());
      console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
    } finally {
      database.close();
    }
  },
};

export async function runCli(argv: string[]) {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.log(USAGE);
    process.exitCode = name ? 2 : 0;
    return;
  }
  await command(args);
}

runCli(process.argv.slice(2)).catch((error) => {
  console.error(`qrhop: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

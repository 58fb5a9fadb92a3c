import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createUserInput } from '../../../../shared/schemas';
import { addUser } from '../../../auth/users';
import { openNodeDatabase } from './node-context';

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

export const userCommand = {
  usage: 'user add --email E --name N [--password P] [--admin]   create an account (password asked if not given)',
  async run(args: string[]) {
    const [action, ...rest] = args;
    if (action !== 'add') throw new Error(`unknown: user ${action ?? ''}`);
    const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, admin: { type: 'boolean' } } });
    const input = createUserInput.safeParse({
      email: values.email, name: values.name ?? values.email?.split('@')[0], password: values.password ?? (await askPassword()), role: values.admin ? 'admin' : 'organizer',
    });
    if (!input.success) {
      const issue = input.error.issues[0]!;
      throw new Error(`${issue.path.join('.')}: ${issue.message}`);
    }
    const database = openNodeDatabase();
    try {
      const user = await addUser(database.db, input.data, Date.now());
      console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
    } finally {
      database.close();
    }
  },
};

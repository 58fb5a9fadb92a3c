import { Hono, type Context } from 'hono';
import type { SetupStateView } from '../../shared/api-contract';
import { setupInput } from '../../shared/schemas';
import type { AppEnv } from '../app-env';
import { recordAudit } from '../audit/record-audit';
import { createLoginSession } from '../auth/login-sessions';
import { constantTimeEqual } from '../auth/password';
import { writeSessionCookie } from '../auth/session-cookie';
import { countUsers } from '../auth/users';
import { DomainError } from '../domain-error';
import { refuse } from '../http/api-error';
import { parseJson } from '../http/parse-json';
import { createFirstAdmin } from './create-first-admin';
import { isLocalRequest } from './local-request';

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * GET|POST /api/setup — the first administrator from the browser on a fresh install (no
 * user at all). Allowed from the machine itself, or with the one-time code the server
 * printed in its terminal: whoever shares the hall's Wi-Fi sees the console's address
 * but not that terminal, so they cannot claim the install first.
 */
export function setupRoutes(clientAddress: (c: Context) => string) {
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const needed = (await countUsers(c.var.deps.db)) === 0;
      const view: SetupStateView = { needed, local: needed && isLocalRequest(c, clientAddress), codeAvailable: needed && Boolean(c.var.deps.settings.setupCode) };
      return c.json(view);
    })
    .post('/', async (c) => {
      const input = await parseJson(c, setupInput);
      const { db, now, settings } = c.var.deps;
      if ((await countUsers(db)) > 0) throw new DomainError('setup_done', 'An administrator already exists; log in instead');
      const code = settings.setupCode;
      // Not from this machine: only the code printed in the server's terminal lets it through
      // (compared in constant time; it is 12 random characters, ~60 bits, so no throttle needed).
      const codeOk = !!code && !!input.setupCode && constantTimeEqual(bytes(input.setupCode.toUpperCase().replace(/[\s-]/g, '')), bytes(code.replace(/-/g, '')));
      if (!isLocalRequest(c, clientAddress) && !codeOk) {
        throw refuse('setup_code_required', 'From another machine, type the set-up code shown in the server window', { field: 'setupCode' });
      }
      const user = await createFirstAdmin(db, input, now());
      writeSessionCookie(c, await createLoginSession(db, user.id, now(), settings.secret));
      await recordAudit(db, { userId: user.id, action: 'user.setup', target: user.id, detail: { email: user.email } }, now());
      return c.json({ user }, 201);
    });
}

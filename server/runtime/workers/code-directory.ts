import { DurableObject } from 'cloudflare:workers';
import { TOKEN_SHAPE } from '../../delegate/delegate-url';
import { d1Of } from './d1-binding';
import type { D1Binding, DurableNamespace, DurableState } from './durable-types';

/**
 * Which meeting a printed token belongs to, found without a D1 read on the hot path: each
 * isolate remembers the answers it got, and misses ask one of 64 "code directory" Durable
 * Objects (by the token's first character), which read D1 once per token and remember.
 *
 * Why a remembered answer can never be wrong: a code's meeting is fixed when the code is
 * made (rotating makes a NEW token; nothing moves a code to another meeting). The directory
 * only says where to ask; whether the token still opens anything — active, rotated, revoked,
 * meeting unpublished or deleted — is decided by that meeting's object, whose pages every
 * organizer change clears. A revoked token is routed to its meeting and answered 404 there.
 * Unknown tokens are not remembered (a new code must work at once): each costs the
 * directory one indexed D1 read.
 */
const MAX_REMEMBERED = 50_000;
const known = new Map<string, string>();

export async function meetingOfToken(directory: DurableNamespace<CodeDirectoryStub>, token: string): Promise<string | null> {
  const hit = known.get(token);
  if (hit) return hit;
  const meetingId = await directory.get(directory.idFromName(`codes:${token[0]}`)).meetingOf(token);
  if (meetingId) {
    if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value!);
    known.set(token, meetingId);
  }
  return meetingId;
}

/** One shard of the token → meeting directory (wrangler.toml binding CODE_DIRECTORY), called by JS RPC. */
export class CodeDirectory extends DurableObject<{ DB: unknown }> {
  private readonly d1: D1Binding;
  private readonly known = new Map<string, string>();

  constructor(state: DurableState, env: { DB: unknown }) {
    super(state, env);
    this.d1 = d1Of(env.DB);
  }

  /** The meeting a token was made for (whatever its status now), or null for an unknown token. */
  async meetingOf(token: string): Promise<string | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    let meetingId = this.known.get(token) ?? null;
    if (!meetingId) {
      // Any status: a rotated or revoked token still belongs to its meeting, which answers it.
      const row = await this.d1.prepare('SELECT meeting_id FROM codes WHERE token = ?1').bind(token).first<{ meeting_id: string }>();
      meetingId = row?.meeting_id ?? null;
      if (meetingId) {
        if (this.known.size >= MAX_REMEMBERED) this.known.delete(this.known.keys().next().value!);
        this.known.set(token, meetingId);
      }
    }
    return meetingId;
  }
}

/** What the Worker may call on a directory shard. */
export type CodeDirectoryStub = Pick<CodeDirectory, 'meetingOf'>;

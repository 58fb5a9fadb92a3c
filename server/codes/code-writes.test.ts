import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDomainDb, refusal } from '../../test/support/domain-db';
import { codes } from '../db/schema';
import { createMeeting } from '../meetings/meeting-domain';
import { addCodeVariants } from './add-code-variants';
import { listScopeCodes } from './code-scope';
import { revokeCode } from './revoke-code';
import { rotateCode } from './rotate-code';

// Called as the CLI calls them: no HTTP; each change and its audit row land together.
let t: Awaited<ReturnType<typeof makeDomainDb>>;
beforeAll(async () => (t = await makeDomainDb()));
afterAll(() => t.close());

describe('code writes', () => {
  it('adds variants, rotates and revokes, each with its audit row; a second rotation is refused by code', async () => {
    const meeting = await createMeeting(t.db, t.user, { title: 'Kỳ họp thứ 9', venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, t.now());
    const scope = { meetingId: meeting.id, sessionId: null };
    const added = await addCodeVariants(t.db, t.user, scope, ['Bàn 1', 'Bàn 2'], t.now());
    expect(added.map((c) => c.label)).toEqual(['Bàn 1', 'Bàn 2']);
    expect(await t.auditActions(meeting.id)).toContain('code.create');
    expect(await refusal(addCodeVariants(t.db, t.user, scope, [], t.now()))).toEqual({ code: 'bad_request', status: 400 });

    const next = await rotateCode(t.db, t.user, added[0]!, t.now());
    expect(next.label).toBe('Bàn 1');
    expect(next.token).not.toBe(added[0]!.token);
    const [old] = await t.db.select().from(codes).where(eq(codes.id, added[0]!.id));
    expect(old!.status).toBe('rotated');
    expect(await t.auditActions(added[0]!.id)).toEqual(['code.rotate']);
    expect(await refusal(rotateCode(t.db, t.user, old!, t.now()))).toEqual({ code: 'code_inactive', status: 409 });

    await revokeCode(t.db, t.user, next, t.now());
    expect(await t.auditActions(next.id)).toEqual(['code.revoke']);
    expect((await listScopeCodes(t.db, scope)).map((c) => c.label)).toEqual([null, 'Bàn 2']);
  });
});

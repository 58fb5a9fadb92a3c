import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDomainDb, refusal } from '../../test/support/domain-db';
import { changeUser, findUser } from './user-domain';

let t: Awaited<ReturnType<typeof makeDomainDb>>;
beforeAll(async () => (t = await makeDomainDb()));
afterAll(() => t.close());

describe('account writes', () => {
  it('an admin cannot lock themselves out, by code; a change writes its audit row', async () => {
    const me = await findUser(t.db, t.user.id);
    expect(await refusal(changeUser(t.db, t.user, me, { disabled: true }, t.now()))).toEqual({ code: 'self_lockout', status: 400 });
    expect(await refusal(changeUser(t.db, t.user, me, { role: 'organizer' }, t.now()))).toEqual({ code: 'self_lockout', status: 400 });
    expect((await changeUser(t.db, t.user, me, { name: 'Văn phòng HĐND' }, t.now())).name).toBe('Văn phòng HĐND');
    expect(await t.auditActions(t.user.id)).toEqual(['user.update']);
  });

  it('an empty change answers the account as it stands, writes nothing and logs nothing', async () => {
    const me = await findUser(t.db, t.user.id);
    const before = await t.auditActions(t.user.id);
    expect((await changeUser(t.db, t.user, me, {}, t.now())).name).toBe(me.name);
    expect(await t.auditActions(t.user.id)).toEqual(before);
  });
});

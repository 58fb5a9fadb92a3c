/**
 * The domain's writes called the way the CLI calls them: no HTTP, real SQLite and a
 * real local store. Each change and its audit row land together; refusals are
 * DomainErrors with a code (the HTTP status comes from http/error-status.ts only).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../server/auth/users';
import type { SessionUser } from '../../server/auth/login-sessions';
import { addCodeVariants } from '../../server/codes/add-code-variants';
import { listScopeCodes } from '../../server/codes/code-scope';
import { revokeCode } from '../../server/codes/revoke-code';
import { rotateCode } from '../../server/codes/rotate-code';
import { auditLog, codes, meetings } from '../../server/db/schema';
import { DomainError } from '../../server/domain-error';
import { STATUS_OF } from '../../server/http/error-status';
import { createMeeting } from '../../server/meetings/meeting-domain';
import { readMeetingLogo, removeMeetingLogo, setMeetingLogo } from '../../server/meetings/meeting-logo';
import { LocalDiskStore } from '../../server/runtime/node/local-disk-store';
import { openSqlite, type SqliteHandle } from '../../server/runtime/node/sqlite-client';
import { changeUser, findUser } from '../../server/users/user-domain';
import { logoPng } from '../print/fixtures';
import { makeExe } from '../support/sample-files';

let dir: string;
let database: SqliteHandle;
let store: LocalDiskStore;
let user: SessionUser;
const now = () => Date.parse('2026-12-01T08:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qrhop-domain-'));
  database = openSqlite(join(dir, 'qrhop.db'));
  store = await new LocalDiskStore(join(dir, 'objects')).open();
  user = await addUser(database.db, { email: 'cli@example.org', name: 'Văn phòng', password: 'correct horse battery', role: 'admin' }, now());
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const auditActions = async (target: string) => (await database.db.select().from(auditLog).where(eq(auditLog.target, target))).map((r) => r.action);

/** The refusal a call makes, as its code and the status the one table gives it. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const { code } = error as DomainError;
  return { code, status: STATUS_OF[code] };
}

describe('code writes', () => {
  it('adds variants, rotates and revokes, each with its audit row; a second rotation is refused by code', async () => {
    const meeting = await createMeeting(database.db, user, { title: 'Kỳ họp thứ 9', venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, now());
    const scope = { meetingId: meeting.id, sessionId: null };
    const added = await addCodeVariants(database.db, user, scope, ['Bàn 1', 'Bàn 2'], now());
    expect(added.map((c) => c.label)).toEqual(['Bàn 1', 'Bàn 2']);
    expect(await auditActions(meeting.id)).toContain('code.create');
    expect(await refusal(addCodeVariants(database.db, user, scope, [], now()))).toEqual({ code: 'bad_request', status: 400 });

    const next = await rotateCode(database.db, user, added[0]!, now());
    expect(next.label).toBe('Bàn 1');
    expect(next.token).not.toBe(added[0]!.token);
    const [old] = await database.db.select().from(codes).where(eq(codes.id, added[0]!.id));
    expect(old!.status).toBe('rotated');
    expect(await auditActions(added[0]!.id)).toEqual(['code.rotate']);
    expect(await refusal(rotateCode(database.db, user, old!, now()))).toEqual({ code: 'code_inactive', status: 409 });

    await revokeCode(database.db, user, next, now());
    expect(await auditActions(next.id)).toEqual(['code.revoke']);
    expect((await listScopeCodes(database.db, scope)).map((c) => c.label)).toEqual([null, 'Bàn 2']);
  });
});

describe('the sheet logo', () => {
  it('stores a PNG under logos/, replaces it (the old object goes) and removes it, each with its audit row', async () => {
    const meeting = await createMeeting(database.db, user, { title: 'Hội nghị', venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, now());
    const deps = { db: database.db, store, now };
    const row = async () => (await database.db.select().from(meetings).where(eq(meetings.id, meeting.id)))[0]!;

    await setMeetingLogo(deps, user, await row(), logoPng());
    const first = (await row()).logoKey!;
    expect(first).toMatch(new RegExp(`^logos/${meeting.id}/`));
    expect((await readMeetingLogo(store, await row()))?.type).toBe('png');

    await setMeetingLogo(deps, user, await row(), logoPng(60, 40));
    expect((await row()).logoKey).not.toBe(first);
    expect(await store.head(first)).toBeNull();

    await removeMeetingLogo(deps, user, await row());
    expect((await row()).logoKey).toBeNull();
    expect(await auditActions(meeting.id)).toEqual(expect.arrayContaining(['meeting.logo', 'meeting.logo', 'meeting.logo.remove']));
    expect(await refusal(removeMeetingLogo(deps, user, await row()))).toEqual({ code: 'bad_request', status: 400 });
  });

  it('refuses what is not a PNG or JPEG, and more than 2 MB, by code, storing nothing', async () => {
    const meeting = await createMeeting(database.db, user, { title: 'Phiên họp', venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, now());
    const deps = { db: database.db, store, now };
    const row = (await database.db.select().from(meetings).where(eq(meetings.id, meeting.id)))[0]!;
    expect(await refusal(setMeetingLogo(deps, user, row, new TextEncoder().encode('<svg onload=alert(1)>')))).toEqual({ code: 'unsupported_type', status: 415 });
    expect(await refusal(setMeetingLogo(deps, user, row, makeExe()))).toEqual({ code: 'unsupported_type', status: 415 });
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(logoPng());
    expect(await refusal(setMeetingLogo(deps, user, row, big))).toEqual({ code: 'file_too_large', status: 413 });
    expect((await database.db.select().from(meetings).where(eq(meetings.id, meeting.id)))[0]!.logoKey).toBeNull();
  });
});

describe('account writes', () => {
  it('an admin cannot lock themselves out, by code', async () => {
    const me = await findUser(database.db, user.id);
    expect(await refusal(changeUser(database.db, user, me, { disabled: true }, now()))).toEqual({ code: 'self_lockout', status: 400 });
    expect(await refusal(changeUser(database.db, user, me, { role: 'organizer' }, now()))).toEqual({ code: 'self_lockout', status: 400 });
    expect((await changeUser(database.db, user, me, { name: 'Văn phòng HĐND' }, now())).name).toBe('Văn phòng HĐND');
    expect(await auditActions(user.id)).toEqual(['user.update']);
  });
});

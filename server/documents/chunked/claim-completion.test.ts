import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDomainDb, refusal } from '../../../test/support/domain-db';
import { chunkedUploads } from '../../db/schema';
import { createMeeting } from '../../meetings/meeting-domain';
import { refuseWhileCompleting, withCompletionClaim } from './claim-completion';
import { storePart } from './store-part';
import { startChunkedUpload } from './start-chunked-upload';

const MIN = 60_000;

/** One completion of an upload at a time, with a lease that a crash cannot hold for ever. */
describe('the completion claim', () => {
  let t: Awaited<ReturnType<typeof makeDomainDb>>;
  let clock: number;
  const deps = () => ({ db: t.db, store: t.store, now: () => clock, maxUploadBytes: 50 * 1024 * 1024 });
  const row = async (id: string) => (await t.db.select().from(chunkedUploads).where(eq(chunkedUploads.id, id)))[0]!;

  beforeAll(async () => {
    t = await makeDomainDb();
    clock = t.now();
  });
  afterAll(() => t.close());

  async function newUpload() {
    const meeting = await createMeeting(t.db, t.user, { title: 'Họp', venue: '', timezone: 'Asia/Ho_Chi_Minh', organizer: '' }, clock);
    return startChunkedUpload(deps(), meeting.id, t.user, { filename: 'Tờ trình.pdf', size: 20 * 1024 * 1024 });
  }

  it('refuses a second completion, a part and a delete while one runs, and lets the next one in once it ends', async () => {
    const upload = await newUpload();
    let finish!: () => void;
    const first = withCompletionClaim(deps(), upload, () => new Promise<string>((done) => { finish = () => done('made'); }));
    await expect.poll(async () => (await row(upload.id)).completingUntil?.getTime()).toBe(clock + 5 * MIN);
    expect(await refusal(withCompletionClaim(deps(), upload, async () => 'twice'))).toEqual({ code: 'upload_completing', status: 409 });
    expect(await refusal(storePart(deps(), await row(upload.id), 2, new Uint8Array(8 * 1024 * 1024)))).toEqual({ code: 'upload_completing', status: 409 });
    expect(() => refuseWhileCompleting(upload, clock)).not.toThrow(); // the row as loaded before the claim says nothing
    expect(() => refuseWhileCompleting({ completingUntil: new Date(clock + 1) }, clock)).toThrow('being completed');
    finish();
    expect(await first).toBe('made');
    expect((await row(upload.id)).completingUntil).toBeNull();
    // A completion that fails lets go too.
    await expect(withCompletionClaim(deps(), upload, async () => { throw new Error('parts missing'); })).rejects.toThrow('parts missing');
    expect(await withCompletionClaim(deps(), upload, async () => 'again')).toBe('again');
  });

  it('a claim left by a server that died mid-completion holds 5 minutes, then a completion may run', async () => {
    const upload = await newUpload();
    // As a crash leaves it: claimed, never released.
    await t.db.update(chunkedUploads).set({ completingUntil: new Date(clock + 5 * MIN) }).where(eq(chunkedUploads.id, upload.id));
    clock += 5 * MIN - 1;
    expect(await refusal(withCompletionClaim(deps(), upload, async () => 'early'))).toEqual({ code: 'upload_completing', status: 409 });
    clock += 1;
    expect(await withCompletionClaim(deps(), upload, async () => 'after the lease')).toBe('after the lease');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSourceOf, LocalDiskStore } from './local-disk-store';

const dir = mkdtempSync(join(tmpdir(), 'qrhop-local-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (store: LocalDiskStore, key: string, text: string, contentType = 'text/plain') =>
  store.put(key, new Blob([text]).stream(), { contentType });

describe('LocalDiskStore file bodies', () => {
  it('tells which file and bytes a body comes from, until someone reads it', async () => {
    const store = await new LocalDiskStore(join(dir, 'a')).open();
    await put(store, 'docs/x', 'hello world');
    const whole = (await store.get('docs/x'))!;
    expect(fileSourceOf(whole.body)).toEqual({ path: join(dir, 'a', 'docs', 'x'), start: 0, end: 10 });
    const part = (await store.get('docs/x', { start: 6, end: 99 }))!;
    expect(fileSourceOf(part.body)).toMatchObject({ start: 6, end: 10 });
    expect(await new Response(part.body).text()).toBe('world');
    expect(fileSourceOf(part.body)).toBeUndefined(); // read: it is an ordinary stream now
    await put(store, 'docs/empty', '');
    const empty = (await store.get('docs/empty'))!;
    expect(fileSourceOf(empty.body)).toMatchObject({ start: 0, end: -1 });
    expect(await new Response(empty.body).text()).toBe('');
    expect(fileSourceOf(new Blob(['x']).stream())).toBeUndefined();
  });

  it('never answers with the metadata of a replaced or deleted object', async () => {
    const store = await new LocalDiskStore(join(dir, 'b'), 50).open(); // metadata trusted 50 ms without a stat
    await put(store, 'docs/y', 'first', 'text/plain');
    expect((await store.head('docs/y'))!.contentType).toBe('text/plain');
    await put(store, 'docs/y', 'second!', 'text/csv');
    expect(await store.head('docs/y')).toMatchObject({ contentType: 'text/csv', size: 7 });
    await store.delete('docs/y');
    expect(await store.get('docs/y')).toBeNull();
    // Another process (the CLI) replacing the file under the same key is seen too, once the
    // trust window has passed: new inode.
    await put(new LocalDiskStore(join(dir, 'b')), 'docs/y', 'third', 'application/pdf');
    expect((await store.head('docs/y'))!.contentType).toBe('application/pdf');
    expect((await store.get('docs/y'))!.contentType).toBe('application/pdf'); // read: trusted for 50 ms
    await put(new LocalDiskStore(join(dir, 'b')), 'docs/y', 'fourth!!', 'image/png');
    expect(await store.head('docs/y')).toMatchObject({ contentType: 'image/png', size: 8 }); // head always checks
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.get('docs/y')).toMatchObject({ contentType: 'image/png', size: 8 });
    expect(await store.head('docs/y')).toMatchObject({ contentType: 'image/png', size: 8 });
  });
});

describe('LocalDiskStore.open', () => {
  it('removes a crash\'s temporary files at server start, but keeps them for a CLI beside a running server', async () => {
    const { readdirSync, writeFileSync } = await import('node:fs');
    const root = join(dir, 'open');
    await new LocalDiskStore(root).open();
    writeFileSync(join(root, '.tmp', 'upload-in-flight'), 'partial');
    await new LocalDiskStore(root).open({ keepTemporary: true });
    expect(readdirSync(join(root, '.tmp'))).toEqual(['upload-in-flight']);
    await new LocalDiskStore(root).open();
    expect(readdirSync(join(root, '.tmp'))).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeSignatureCheck } from '../../test/signatures/signature-check.scenarios';
import { LocalDiskStore } from '../storage/local-disk-store';
import type { HashFactory } from './hash-byte-ranges';

const dir = mkdtempSync(join(tmpdir(), 'qrhop-signatures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const nodeHash: HashFactory = (algorithm) => {
  const hash = createHash(algorithm.replace('-', '').toLowerCase());
  return { update: (bytes) => void hash.update(bytes), digest: () => new Uint8Array(hash.digest()) };
};

describeSignatureCheck('Node, local disk, portable hash', async () => ({ store: await new LocalDiskStore(join(dir, 'a')).open() }));
describeSignatureCheck('Node, local disk, node:crypto hash', async () => ({ store: await new LocalDiskStore(join(dir, 'b')).open(), hash: nodeHash }));

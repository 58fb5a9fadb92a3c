import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeSignatureCheck } from '../../test/signatures/signature-check.scenarios';
import { LocalDiskStore } from '../runtime/node/local-disk-store';
import { nodeHash } from '../runtime/node/node-hash';

const dir = mkdtempSync(join(tmpdir(), 'qrhop-signatures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeSignatureCheck('Node, local disk, portable hash', async () => ({ store: await new LocalDiskStore(join(dir, 'a')).open() }));
describeSignatureCheck('Node, local disk, node:crypto hash', async () => ({ store: await new LocalDiskStore(join(dir, 'b')).open(), hash: nodeHash }));

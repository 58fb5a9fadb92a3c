import { env } from 'cloudflare:workers';
import { R2Store } from '../../server/storage/r2-store';
import { describeSignatureCheck } from '../signatures/signature-check.scenarios';
import { digestStreamHash } from '../../server/runtime/workers/digest-stream-hash';

// The same verification scenarios as on Node, inside workerd, reading the R2 binding.
describeSignatureCheck('workerd, R2, portable hash', async () => ({ store: new R2Store(env.DOCUMENTS) }));
describeSignatureCheck('workerd, R2, DigestStream hash', async () => ({ store: new R2Store(env.DOCUMENTS), hash: digestStreamHash }));

import { createHash } from 'node:crypto';
import { partOf } from './chunked-file';

/** SHA-256 (hex) of the whole file `seed` of `size` bytes, made part by part as the tests send it (Node only). */
export function sha256OfFile(seed: number, size: number, partSize: number): string {
  const hash = createHash('sha256');
  for (let n = 1; (n - 1) * partSize < size; n++) hash.update(partOf(seed, size, partSize, n));
  return hash.digest('hex');
}

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigError } from '../config-error';
import { loadTrustAnchors, type TrustAnchors } from '../../signatures/trust-anchors';

const CERT_FILE = /\.(pem|crt|cer|der)$/i;

/**
 * Reads the trust anchors for signed PDFs from a file or a folder (SIGNATURE_TRUST_ANCHORS, or
 * DATA_DIR/trust-anchors when unset). A path set explicitly must exist; the default folder may not.
 */
export async function loadNodeTrustAnchors(setting: { path: string; explicit: boolean }, log: (line: string) => void = console.log): Promise<TrustAnchors> {
  let files: string[];
  try {
    const info = await stat(setting.path);
    files = info.isDirectory()
      ? (await readdir(setting.path)).filter((f) => CERT_FILE.test(f)).sort().map((f) => join(setting.path, f))
      : [setting.path];
  } catch (error) {
    if (!setting.explicit) return loadTrustAnchors([]);
    throw new ConfigError(`Invalid SIGNATURE_TRUST_ANCHORS=${JSON.stringify(setting.path)}: ${(error as Error).message}`);
  }
  const anchors = await loadTrustAnchors(await Promise.all(files.map(async (f) => ({ name: basename(f), bytes: new Uint8Array(await readFile(f)) }))));
  if (setting.explicit && !anchors.certificates.length) throw new ConfigError(`Invalid SIGNATURE_TRUST_ANCHORS=${JSON.stringify(setting.path)}: no certificate found`);
  if (anchors.rejected.length) log(`  Trust anchors:  not certificates, ignored: ${anchors.rejected.join(', ')}`);
  return anchors;
}

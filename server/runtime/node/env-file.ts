import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads `.env` from the working directory when there is one, so settings can be written
 * in a file instead of shell syntax (`set X=…` in cmd, `$env:X=…` in PowerShell, `X=… cmd`
 * in sh differ, and the organizer's laptop is usually Windows). Variables already in the
 * environment win over the file. Node's own reader (20.12+): no package for ten lines.
 */
export function loadEnvFile(dir = process.cwd()): string | null {
  const file = resolve(dir, '.env');
  if (!existsSync(file)) return null;
  process.loadEnvFile(file);
  return file;
}

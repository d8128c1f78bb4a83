/** The session secret when SESSION_SECRET is unset: generated once and kept in the data directory (mode 600). */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file under DATA_DIR that keeps the generated secret. */
export const SECRET_FILE = 'session-secret';

/** The secret kept in `dataDir`, or undefined when none is (no file, or one too short to be ours); creates nothing. */
export function readSessionSecret(dataDir: string): string | undefined {
  try {
    const kept = readFileSync(path.join(dataDir, SECRET_FILE), 'utf8').trim();
    return kept.length >= 32 ? kept : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return undefined;
  }
}

/** Reads the kept secret, or makes and keeps a new one. */
export function ensureSessionSecret(dataDir: string): string {
  const kept = readSessionSecret(dataDir);
  if (kept !== undefined) return kept;
  const file = path.join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

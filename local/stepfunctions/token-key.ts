import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const keyBytes = 32;

/**
 * The task-token signing key of a data directory, made once and read at every start: on AWS a token
 * stays the service's across anything that happens to the caller, so after a restart a token minted
 * before it answers TaskTimedOut (its task was closed), not InvalidToken (never issued).
 */
export function tokenKey(file: string): Buffer {
  try {
    const key = readFileSync(file);
    if (key.length === keyBytes) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(keyBytes);
  mkdirSync(dirname(file), { recursive: true });
  // Only the runtime's user may read it: whoever holds it can forge task tokens for this data directory.
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../local/runtime/process-alive.ts';

/** One running `npm start`, as the per-user registry lists it. */
export interface RegisteredRuntime {
  readonly pid: number;
  readonly dataDir: string;
  readonly since: string;
}

/**
 * Where this user's running runtimes are listed: `$TOWER_RUNTIMES`, else `tower-<user>` under
 * `$XDG_RUNTIME_DIR` (per user, cleared at logout), else under the temporary directory.
 */
export function registryDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.TOWER_RUNTIMES) return env.TOWER_RUNTIMES;
  const user = process.getuid?.() ?? userInfo().username;
  return join(env.XDG_RUNTIME_DIR ?? tmpdir(), `tower-runtimes-${user}`);
}

export class RegistryNotPrivateError extends Error {
  constructor(readonly dir: string) {
    super(
      `${dir} is not this user's own private directory: another user could list runtimes there. Remove it, or set TOWER_RUNTIMES.`,
    );
    this.name = 'RegistryNotPrivateError';
  }
}

/** The registry directory, made if missing; refused unless it is ours and nobody else may write it. */
function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0)
    throw new RegistryNotPrivateError(dir);
  return dir;
}

const entryName = (dataDir: string) =>
  `${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.json`;

/** Lists this process's runtime on `dataDir`, for `tower --local` to find whatever its data directory. */
export function registerRuntime(dataDir: string, dir = registryDir(), pid = process.pid): void {
  const entry: RegisteredRuntime = { pid, dataDir, since: new Date().toISOString() };
  writeFileSync(join(privateDir(dir), entryName(dataDir)), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
}

/** Removes this process's entry for `dataDir` (not another process's, which took the directory since). */
export function unregisterRuntime(dataDir: string, dir = registryDir()): void {
  const path = join(dir, entryName(dataDir));
  if (readEntry(path)?.pid === process.pid) rmSync(path, { force: true });
}

function readEntry(path: string): RegisteredRuntime | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, 'utf8')) as Partial<RegisteredRuntime>;
    return typeof entry.pid === 'number' && typeof entry.dataDir === 'string'
      ? { pid: entry.pid, dataDir: entry.dataDir, since: String(entry.since) }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The runtimes of this user that run now, oldest first; entries of runtimes that died are removed. */
export function runningRuntimes(dir = registryDir()): RegisteredRuntime[] {
  let names: string[];
  try {
    names = readdirSync(privateDir(dir)).filter((n) => n.endsWith('.json'));
  } catch (error) {
    if (error instanceof RegistryNotPrivateError) throw error;
    return [];
  }
  const running: RegisteredRuntime[] = [];
  for (const name of names) {
    const entry = readEntry(join(dir, name));
    if (entry && isAlive(entry.pid)) running.push(entry);
    else rmSync(join(dir, name), { force: true });
  }
  return running.sort((a, b) => (a.since < b.since ? -1 : 1));
}

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from './process-alive.ts';

const fileName = 'runtime.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    since: string,
  ) {
    super(
      `${dataDir} is in use by another Tower runtime (pid ${pid}, since ${since}): two runtimes on one data ` +
        'directory would corrupt each other. Stop that one, or start with --data-dir <another directory>.',
    );
    this.name = 'DataDirInUseError';
  }
}

interface LockRecord {
  readonly pid: number;
  readonly since: string;
}

function readLock(path: string): LockRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockRecord>;
    return typeof record.pid === 'number' ? { pid: record.pid, since: String(record.since) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory for this runtime (`runtime.lock`, created exclusively). A lock left by a
 * runtime that died (kill -9) is taken over; one held by a live runtime, in this process or another,
 * is refused with who holds it. Returns the release, which removes the lock only while it is ours.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, fileName);
  const mine: LockRecord = { pid: process.pid, since: new Date().toISOString() };
  const body = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, body);
      closeSync(fd);
      return () => {
        const held = readLock(path);
        if (held?.since === mine.since && held.pid === mine.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const held = readLock(path);
      if (held && isAlive(held.pid)) throw new DataDirInUseError(dataDir, held.pid, held.since);
      // Stale (its runtime died) or unreadable (cut off while written): remove it and try once more.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take ${path}: another runtime is starting on ${dataDir} at the same moment`);
}

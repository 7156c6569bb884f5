import { join } from 'node:path';
import { isAlive } from '../../local/runtime/process-alive.ts';
import { type RuntimeFile, readRuntimeFile } from '../common/runtime-file.ts';
import { registryDir, runningRuntimes } from '../common/runtime-registry.ts';
import { defaultDataDir } from './args.ts';
import { RefusedError, UsageError } from './errors.ts';

function runtimeFileOf(dataDir: string): RuntimeFile | undefined {
  try {
    return readRuntimeFile(dataDir);
  } catch {
    return undefined;
  }
}

/**
 * The data directory of the `npm start` to act on when none is named: `./.tower`'s when it runs, else
 * the one runtime this user runs (the registry lists each with its data directory). Several are a
 * usage error that lists them; none is refused with how to start or name one.
 */
export function findLocalRuntime(cwd: string, env: Readonly<Record<string, string | undefined>>): string {
  const here = join(cwd, defaultDataDir);
  const own = runtimeFileOf(here);
  if (own && isAlive(own.pid)) return here;
  const dir = registryDir(env);
  const running = runningRuntimes(dir).filter((r) => runtimeFileOf(r.dataDir)?.pid === r.pid);
  const [only] = running;
  if (only && running.length === 1) return only.dataDir;
  if (running.length > 1)
    throw new UsageError(
      `${running.length} local runtimes are running; say which with --local <dir>:\n${running
        .map(
          (r) => `  --local ${r.dataDir}    (pid ${r.pid}, since ${r.since.replace('T', ' ').slice(0, 19)})`,
        )
        .join('\n')}`,
    );
  throw new RefusedError(
    `no local runtime is running (none in ./${defaultDataDir}, none listed in ${dir}): start one with npm start, ` +
      'pass --local <dir> for one started with --data-dir <dir>, or --stack <name> for a deployed stack',
  );
}

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from '../lambdas/platform/registry/process-spec.ts';

export interface InboxWatcher {
  readonly dir: string;
  stop(): void;
}

/**
 * Watches `<dir>/<process>/` and hands each new file to `submit`, then moves it to
 * `<dir>/<process>/.submitted/` so it is submitted once. Files still being written (size changing) wait.
 */
export function watchInbox(
  dir: string,
  processes: readonly ProcessSpec[],
  submit: (processId: string, fileName: string, body: Buffer) => Promise<void>,
  onError: (file: string, error: unknown) => void,
  intervalMs = 500,
): InboxWatcher {
  for (const p of processes) mkdirSync(join(dir, p.id, '.submitted'), { recursive: true });
  const sizes = new Map<string, number>();
  let busy = false;
  const scan = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const p of processes) {
        const folder = join(dir, p.id);
        if (!existsSync(folder)) continue;
        for (const name of readdirSync(folder)) {
          const path = join(folder, name);
          if (name.startsWith('.') || !statSync(path).isFile()) continue;
          const size = statSync(path).size;
          if (sizes.get(path) !== size) {
            sizes.set(path, size);
            continue;
          }
          sizes.delete(path);
          try {
            await submit(p.id, name, readFileSync(path));
            renameSync(path, join(folder, '.submitted', `${Date.now()}-${name}`));
          } catch (error) {
            onError(path, error);
          }
        }
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void scan(), intervalMs);
  return { dir, stop: () => clearInterval(timer) };
}

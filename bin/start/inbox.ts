import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { type InboxName, inboxName, originalNameMetadata } from './inbox-names.ts';

export interface InboxWatcher {
  readonly dir: string;
  stop(): void;
}

/** One file found in a process's inbox folder, named for S3. */
export interface InboxFile {
  readonly processId: string;
  readonly name: InboxName;
  readonly body: Buffer;
  /** S3 metadata: the original name's bytes when the file is submitted under another name. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** What the inbox tells the terminal: a file submitted, or one it cannot handle (said once per cause). */
export interface InboxEvents {
  readonly submit: (file: InboxFile) => Promise<void>;
  readonly problem: (file: string, message: string) => void;
}

const dot = 0x2e;

/** A path from bytes, so a name that is not valid UTF-8 still names its file (Linux). */
const pathOf = (folder: string, raw: Buffer) => Buffer.concat([Buffer.from(`${folder}/`), raw]);

/**
 * Watches `<dir>/<process>/` and hands each new file to `submit`, then moves it to
 * `<dir>/<process>/.submitted/` so it is submitted once. Files still being written (size changing)
 * wait. Each file is handled on its own: a name that is not UTF-8, too long or full of control
 * characters is submitted under a safe name (inbox-names.ts); a file that cannot be read or moved is
 * reported once, with why, and never stops the others or the runtime.
 */
export function watchInbox(
  dir: string,
  processes: readonly ProcessSpec[],
  events: InboxEvents,
  intervalMs = 500,
): InboxWatcher & { scan(): Promise<void> } {
  for (const p of processes) mkdirSync(join(dir, p.id, '.submitted'), { recursive: true });
  const sizes = new Map<string, number>();
  // Submitted but not moved (the move failed): never submitted again in this run.
  const stuck = new Set<string>();
  const reported = new Map<string, string>();
  const report = (key: string, file: string, message: string) => {
    if (reported.get(key) === message) return;
    reported.set(key, message);
    events.problem(file, message);
  };

  const handle = async (processId: string, folder: string, raw: Buffer) => {
    const key = `${processId}/${raw.toString('hex')}`;
    const path = pathOf(folder, raw);
    const name = inboxName(raw);
    const shown = `${processId}/${name.shown}`;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stuck.has(key)) return;
      if (sizes.get(key) !== stat.size) {
        sizes.set(key, stat.size);
        return;
      }
      sizes.delete(key);
      const body = readFileSync(path);
      const metadata: Record<string, string> = name.original ? { [originalNameMetadata]: name.original } : {};
      await events.submit({ processId, name, body, metadata });
      try {
        renameSync(path, join(folder, '.submitted', `${Date.now()}-${name.name}`));
      } catch (error) {
        stuck.add(key);
        throw new Error(
          `was submitted but could not be moved to .submitted/ (${messageOf(error)}); remove it, or it is submitted again at the next start`,
        );
      }
      reported.delete(key);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return;
      report(key, shown, messageOf(error));
    }
  };

  let busy = false;
  const scan = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const p of processes) {
        const folder = join(dir, p.id);
        let names: Buffer[];
        try {
          if (!existsSync(folder)) continue;
          names = readdirSync(folder, { encoding: 'buffer' });
        } catch (error) {
          report(p.id, `${p.id}/`, `cannot be read: ${messageOf(error)}`);
          continue;
        }
        for (const raw of names) if (raw[0] !== dot) await handle(p.id, folder, raw);
      }
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void scan(), intervalMs);
  return { dir, scan, stop: () => clearInterval(timer) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

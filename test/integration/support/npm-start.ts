import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** A real `npm start` (bin/start.ts in its own Node process), its output read line by line. */
export interface StartedProcess {
  readonly child: ChildProcess;
  /** Every line so far, stdout and stderr together. */
  readonly lines: string[];
  /** Resolves with the first line matching `pattern` (seen already or to come); rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Resolves when the process has exited, with its code. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts bin/start.ts with `args` (signals reach it directly: no npm or tsx process in between), with
 * `env` over this process's environment.
 */
export function npmStart(args: readonly string[], env: NodeJS.ProcessEnv = {}): StartedProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; found: (line: string) => void }[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.found(line);
      }
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (pattern, timeoutMs) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join('\n')}`)),
          timeoutMs,
        );
        waiters.push({
          pattern,
          found: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
      });
    },
  };
}

import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmStart, type StartedProcess } from '../support/npm-start.ts';

const startedBanner = /^Console\s+http:/;

/**
 * Waits until the process holds at least `count` of the large objects open in its local S3 (reads and
 * writes under way, seen in Linux's /proc); the number it saw. Elsewhere it waits 1.5 s instead.
 */
async function transfersUnderWay(pid: number, count: number): Promise<number | 'unknown'> {
  const fds = `/proc/${pid}/fd`;
  if (!existsSync(fds)) {
    await new Promise((r) => setTimeout(r, 1500));
    return 'unknown';
  }
  const open = () =>
    readdirSync(fds).filter((fd) => {
      try {
        return /large-\d%2Epdf\._S3rver_object$/.test(readlinkSync(join(fds, fd)));
      } catch {
        return false;
      }
    }).length;
  for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
    const seen = open();
    if (seen >= count) return seen;
  }
  throw new Error(`no ${count} large objects were open at once within 60 s`);
}
const exitWithin = (started: StartedProcess, ms: number) =>
  Promise.race([
    started.exited,
    new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms)),
  ]);

describe('Ctrl-C of npm start during large transfers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tower-shutdown-'));
  const dataDir = join(dir, 'data');
  const inbox = join(dir, 'inbox');
  const running: StartedProcess[] = [];
  afterAll(() => {
    for (const started of running) started.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops, naming each step and releasing the lock last, and the next start is clean', async () => {
    // Prepare: a runtime with its own data directory and inbox, three 60 MB files on their way through it
    const first = npmStart(['--data-dir', dataDir, '--inbox', inbox]);
    running.push(first);
    await first.waitFor(startedBanner, 150_000);
    mkdirSync(join(inbox, 'invoice'), { recursive: true });
    for (const n of [1, 2, 3])
      writeFileSync(join(inbox, 'invoice', `large-${n}.pdf`), randomBytes(60 * 1024 * 1024));
    await first.waitFor(/^inbox: invoice\/large-\d\.pdf submitted/, 60_000);
    const inFlight = await transfersUnderWay(first.child.pid ?? 0, 2);

    // Act
    const signalled = performance.now();
    first.child.kill('SIGINT');
    const exit = await exitWithin(first, 60_000);
    const seconds = (performance.now() - signalled) / 1000;

    // Assess
    process.stdout.write(
      `shutdown: npm start stopped ${seconds.toFixed(1)} s after SIGINT, with ${inFlight} large objects open in S3\n`,
    );
    expect(exit, first.lines.join('\n')).toBe(0);
    const steps = first.lines.filter((line) => /^\s+stopping /.test(line)).map((line) => line.trim());
    expect(steps[0]).toBe('stopping the inbox watcher');
    expect(steps.at(-1)).toBe('stopping the data-directory lock');
    expect(steps).toContain('stopping the Lambda host (its function environments)');
    expect(first.lines.some((line) => /did not stop|failed to stop/.test(line))).toBe(false);
    expect(existsSync(join(dataDir, 'runtime.lock'))).toBe(false);

    const again = npmStart(['--data-dir', dataDir, '--inbox', inbox]);
    running.push(again);
    await again.waitFor(startedBanner, 150_000);
    expect(again.lines.some((line) => /in use|ERROR|Error/.test(line))).toBe(false);
    again.child.kill('SIGINT');
    expect(await exitWithin(again, 60_000), again.lines.join('\n')).toBe(0);
  });
});

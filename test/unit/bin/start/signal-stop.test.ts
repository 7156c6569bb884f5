import { describe, expect, it } from 'vitest';
import { SignalStop } from '../../../../bin/start/signal-stop.ts';

/** A stop that reports two steps and then waits on `release`, recording what was said and the exit. */
function stopping() {
  const said: string[] = [];
  const exits: number[] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stopper = new SignalStop({
    say: (line) => said.push(line),
    stop: async (report) => {
      report('stopping the console');
      report('stopping S3');
      await released;
    },
    forced: (cutShort) => `Forced exit while stopping ${cutShort}.`,
    exit: (code) => exits.push(code),
  });
  return { stopper, said, exits, release };
}

describe('SignalStop (Ctrl-C in npm start)', () => {
  it('stops once on the first signal, naming each step, then exits 0', async () => {
    // Prepare
    const { stopper, said, exits, release } = stopping();
    // Act
    stopper.signal();
    release();
    await new Promise((r) => setImmediate(r));
    // Assess
    expect(said.slice(0, 3)).toEqual([
      'Stopping (Ctrl-C again to force an exit)…',
      '  stopping the console',
      '  stopping S3',
    ]);
    expect(said.at(-1)).toMatch(/^Stopped in \d+\.\d s\.$/);
    expect(exits).toEqual([0]);
  });

  it('exits at once on a second signal, saying what the stop was doing', () => {
    // Prepare: a stop that hangs in S3
    const { stopper, said, exits } = stopping();
    stopper.signal();
    // Act
    stopper.signal();
    // Assess
    expect(said.at(-1)).toBe('Forced exit while stopping S3.');
    expect(exits).toEqual([1]);
  });

  it('stops only once when asked again while stopping (the demo ending as Ctrl-C comes)', async () => {
    const { stopper, exits, release } = stopping();
    const first = stopper.stop(0);
    await stopper.stop(1);
    release();
    await first;
    expect(exits).toEqual([0]);
  });
});

import { describe, expect, it } from 'vitest';
import { Shutdown } from '../../../../local/runtime/shutdown.ts';

/** A shutdown of a lock and three services, recording what closed in which order. */
function runtimeLike(options?: ConstructorParameters<typeof Shutdown>[0]) {
  const closed: string[] = [];
  const shutdown = new Shutdown(options);
  const closer = (what: string) => async () => {
    closed.push(what);
  };
  shutdown.last('lock', closer('lock'));
  shutdown.add('S3', closer('S3'));
  shutdown.add('proxies', closer('proxies'));
  shutdown.add('functions', closer('functions'));
  return { shutdown, closed };
}

describe('Shutdown', () => {
  it('stops the newest first and the lock last, announcing each', async () => {
    // Prepare
    const { shutdown, closed } = runtimeLike();
    const said: string[] = [];
    // Act
    await shutdown.stop((line) => said.push(line));
    // Assess
    expect(closed).toEqual(['functions', 'proxies', 'S3', 'lock']);
    expect(said).toEqual(['stopping functions', 'stopping proxies', 'stopping S3', 'stopping lock']);
  });

  it('runs once: a second stop (a second Ctrl-C) gets the same stop, never the reverse order', async () => {
    // Prepare
    const { shutdown, closed } = runtimeLike();
    // Act
    const first = shutdown.stop();
    const second = shutdown.stop();
    await Promise.all([first, second]);
    await shutdown.stop();
    // Assess
    expect(second).toBe(first);
    expect(closed).toEqual(['functions', 'proxies', 'S3', 'lock']);
  });

  it('goes on past a closer that fails or hangs, saying so, and still releases the lock last', async () => {
    // Prepare
    const { shutdown, closed } = runtimeLike({ closerTimeoutMs: 50 });
    shutdown.add('a stuck server', () => new Promise<void>(() => undefined));
    shutdown.add('a broken server', async () => {
      throw new Error('socket gone');
    });
    const said: string[] = [];
    // Act
    await shutdown.stop((line) => said.push(line));
    // Assess
    expect(said).toContain('a broken server failed to stop: socket gone');
    expect(said).toContain('a stuck server did not stop within 0.05 s; going on without it');
    expect(closed).toEqual(['functions', 'proxies', 'S3', 'lock']);
    expect(shutdown.current).toBeUndefined();
  });

  it('stops at once what is added after the stop began', async () => {
    // Prepare
    const { shutdown, closed } = runtimeLike();
    const stopped = shutdown.stop();
    // Act
    shutdown.add('late', async () => {
      closed.push('late');
    });
    await stopped;
    // Assess
    expect(closed).toContain('late');
  });
});

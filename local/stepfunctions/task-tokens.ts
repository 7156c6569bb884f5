import { randomBytes } from 'node:crypto';
import { ServiceError, statesTimeout, TaskError } from './errors.ts';

type TokenState = 'waiting' | 'succeeded' | 'failed' | 'timed-out' | 'cancelled';

interface Entry {
  readonly executionArn: string;
  readonly stateName: string;
  state: TokenState;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  heartbeatTimer?: NodeJS.Timeout;
  readonly heartbeatMs?: number;
  readonly settledAt?: number;
}

const tokenPattern = /^tt1\.[A-Za-z0-9_-]{86}$/;
// Settled tokens are remembered a while so late callbacks get TaskTimedOut or TaskDoesNotExist, as on AWS.
const rememberMs = 60 * 60 * 1000;

/**
 * Mints a task token per `.waitForTaskToken` task and settles it once: SendTaskSuccess resolves the
 * task, SendTaskFailure fails it, the task's timeout (or a missed heartbeat) fails it with States.Timeout.
 */
export class TaskTokenBroker {
  private readonly entries = new Map<string, Entry>();

  /** A fresh token and the promise the task waits on. */
  mint(
    executionArn: string,
    stateName: string,
    timeoutMs: number,
    heartbeatMs?: number,
  ): { token: string; result: Promise<unknown> } {
    this.prune();
    const token = `tt1.${randomBytes(64).toString('base64url')}`;
    let resolve!: (v: unknown) => void;
    let reject!: (e: Error) => void;
    const result = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry: Entry = { executionArn, stateName, state: 'waiting', resolve, reject, heartbeatMs };
    entry.timer = setTimeout(() => this.timeOut(token, 'the task timed out'), clampDelay(timeoutMs));
    if (heartbeatMs)
      entry.heartbeatTimer = setTimeout(() => this.timeOut(token, 'no heartbeat'), clampDelay(heartbeatMs));
    this.entries.set(token, entry);
    return { token, result };
  }

  succeed(token: string, output: unknown): void {
    const entry = this.waiting(token);
    this.settle(token, entry, 'succeeded');
    entry.resolve(output);
  }

  fail(token: string, error: string, cause: string): void {
    const entry = this.waiting(token);
    this.settle(token, entry, 'failed');
    entry.reject(new TaskError(error, cause));
  }

  heartbeat(token: string): void {
    const entry = this.waiting(token);
    if (entry.heartbeatMs && entry.heartbeatTimer) {
      clearTimeout(entry.heartbeatTimer);
      entry.heartbeatTimer = setTimeout(
        () => this.timeOut(token, 'no heartbeat'),
        clampDelay(entry.heartbeatMs),
      );
    }
  }

  /** The execution ended (stopped, failed, finished): its waiting tokens no longer exist. */
  cancelExecution(executionArn: string): void {
    for (const [token, entry] of this.entries) {
      if (entry.executionArn === executionArn && entry.state === 'waiting')
        this.settle(token, entry, 'cancelled');
    }
  }

  /** Tokens currently waiting, per execution (for the console). */
  waitingFor(executionArn: string): string[] {
    return [...this.entries.values()]
      .filter((e) => e.executionArn === executionArn && e.state === 'waiting')
      .map((e) => e.stateName);
  }

  private waiting(token: string): Entry {
    if (!tokenPattern.test(token)) throw new ServiceError('InvalidToken', 'Invalid Token');
    const entry = this.entries.get(token);
    if (!entry || entry.state === 'succeeded' || entry.state === 'failed' || entry.state === 'cancelled') {
      throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist');
    }
    if (entry.state === 'timed-out') throw new ServiceError('TaskTimedOut', 'Task Timed Out');
    return entry;
  }

  private timeOut(token: string, why: string): void {
    const entry = this.entries.get(token);
    if (entry?.state !== 'waiting') return;
    this.settle(token, entry, 'timed-out');
    entry.reject(new TaskError(statesTimeout, why));
  }

  private settle(token: string, entry: Entry, state: TokenState): void {
    clearTimeout(entry.timer);
    clearTimeout(entry.heartbeatTimer);
    entry.state = state;
    this.entries.set(token, { ...entry, state, settledAt: Date.now() });
  }

  private prune(): void {
    const before = Date.now() - rememberMs;
    for (const [token, entry] of this.entries) {
      if (entry.settledAt !== undefined && entry.settledAt < before) this.entries.delete(token);
    }
  }
}

/** Node timers overflow past 2^31-1 ms (about 24.8 days) and would fire at once. */
export function clampDelay(ms: number): number {
  return Math.max(0, Math.min(ms, 2_147_000_000));
}

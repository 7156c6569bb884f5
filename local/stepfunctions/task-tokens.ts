import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

const tokenPrefix = 'tt1.';
// Settled tokens are remembered a while; after that a token this broker minted is still recognised by
// its signature, so a late callback gets TaskTimedOut as on AWS.
const rememberMs = 60 * 60 * 1000;

/**
 * Mints a task token per `.waitForTaskToken` task and settles it once: SendTaskSuccess resolves the
 * task, SendTaskFailure fails it, the task's timeout (or a missed heartbeat) fails it with States.Timeout.
 */
export class TaskTokenBroker {
  private readonly entries = new Map<string, Entry>();

  /** @param key signs the tokens; kept across restarts (tokenKey), so a token from before a stop is still this service's. */
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  /** The execution a token was minted for, while the broker knows it (IAM evaluation of SendTask*). */
  executionOf(token: string): string | undefined {
    return this.entries.get(token)?.executionArn;
  }

  /** A fresh token and the promise the task waits on. */
  mint(
    executionArn: string,
    stateName: string,
    timeoutMs: number,
    heartbeatMs?: number,
  ): { token: string; result: Promise<unknown> } {
    this.prune();
    const nonce = randomBytes(32);
    const token = `${tokenPrefix}${Buffer.concat([nonce, this.sign(nonce)]).toString('base64url')}`;
    let resolve!: (v: unknown) => void;
    let reject!: (e: Error) => void;
    const result = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A worker may fail the token before the task awaits it (a Lambda sending its own result): not unhandled.
    result.catch(() => undefined);
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

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const entry = this.waiting(token);
    this.settle(token, entry, 'failed');
    entry.reject(new TaskError(error ?? '', cause ?? ''));
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

  /**
   * The entry a callback may still settle. AWS answers InvalidToken for a token it did not issue and
   * TaskTimedOut for one whose task "has either expired or … has already been closed" (succeeded,
   * failed, timed out, or its execution ended): SendTaskSuccess, Errors (AWS Step Functions API Reference).
   */
  private waiting(token: string): Entry {
    if (!this.minted(token)) throw new ServiceError('InvalidToken', 'Invalid Token');
    const entry = this.entries.get(token);
    if (entry?.state !== 'waiting')
      throw new ServiceError(
        'TaskTimedOut',
        'Task Timed Out: the task of this token has already been closed',
      );
    return entry;
  }

  /** Whether this broker minted the token (its signature checks out), remembered or not. */
  private minted(token: string): boolean {
    if (!token.startsWith(tokenPrefix)) return false;
    const bytes = Buffer.from(token.slice(tokenPrefix.length), 'base64url');
    if (bytes.length !== 64) return false;
    return timingSafeEqual(bytes.subarray(32), this.sign(bytes.subarray(0, 32)));
  }

  private sign(nonce: Buffer): Buffer {
    return createHmac('sha256', this.key).update(nonce).digest();
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

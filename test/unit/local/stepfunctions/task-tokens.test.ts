import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskTokenBroker } from '../../../../local/stepfunctions/task-tokens.ts';

// SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat Errors (AWS Step Functions API Reference):
// InvalidToken "The provided token is not valid"; TaskTimedOut "The task token has either expired or
// the task associated with the token has already been closed".

const arn = 'arn:aws:states:us-east-1:000000000000:execution:m:e';
const code = (f: () => void) => {
  try {
    f();
    return 'none';
  } catch (error) {
    return (error as { type?: string }).type;
  }
};

afterEach(() => {
  vi.useRealTimers();
});

describe('TaskTokenBroker', () => {
  it('settles a token once: a second answer of any kind is TaskTimedOut', async () => {
    const broker = new TaskTokenBroker();
    const { token, result } = broker.mint(arn, 'Ask', 60_000);
    broker.succeed(token, { ok: true });
    await expect(result).resolves.toEqual({ ok: true });
    expect(code(() => broker.succeed(token, {}))).toBe('TaskTimedOut');
    expect(code(() => broker.fail(token, 'E', 'c'))).toBe('TaskTimedOut');
    expect(code(() => broker.heartbeat(token))).toBe('TaskTimedOut');
  });

  it('lets the worker fail its token before the task awaits it, with no unhandled rejection', async () => {
    // Prepare: the human step's wait, ended by the Lambda it invokes before that invocation returns.
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', listener);
    const broker = new TaskTokenBroker();
    const { token, result } = broker.mint(arn, 'Wait', 60_000);

    // Act
    broker.fail(token, 'Approval.Rejected', '{}');
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', listener);

    // Assess
    expect(unhandled).toEqual([]);
    await expect(result).rejects.toMatchObject({ name: 'Approval.Rejected' });
  });

  it('answers TaskTimedOut after the task timed out or its execution ended', async () => {
    vi.useFakeTimers();
    const broker = new TaskTokenBroker();
    const timed = broker.mint(arn, 'Ask', 1000);
    const rejected = expect(timed.result).rejects.toMatchObject({ name: 'States.Timeout' });
    vi.advanceTimersByTime(1001);
    await rejected;
    expect(code(() => broker.succeed(timed.token, {}))).toBe('TaskTimedOut');
    const cancelled = broker.mint(arn, 'Ask', 60_000);
    broker.cancelExecution(arn);
    expect(code(() => broker.succeed(cancelled.token, {}))).toBe('TaskTimedOut');
  });

  it('answers InvalidToken for a token it never minted, garbage or well-formed', () => {
    const broker = new TaskTokenBroker();
    const { token } = broker.mint(arn, 'Ask', 60_000);
    expect(code(() => broker.succeed('not-a-token', {}))).toBe('InvalidToken');
    expect(code(() => new TaskTokenBroker().succeed(token, {}))).toBe('InvalidToken');
    const forged = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(code(() => broker.succeed(forged, {}))).toBe('InvalidToken');
  });

  it('still answers TaskTimedOut for its own token once it has forgotten the task', () => {
    vi.useFakeTimers();
    const broker = new TaskTokenBroker();
    const { token } = broker.mint(arn, 'Ask', 60_000);
    broker.succeed(token, {});
    vi.advanceTimersByTime(2 * 60 * 60 * 1000);
    broker.mint(arn, 'Other', 60_000); // minting prunes what was settled over an hour ago
    expect(code(() => broker.succeed(token, {}))).toBe('TaskTimedOut');
  });
});

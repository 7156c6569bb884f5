import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TaskTokenBroker } from '../../../../local/stepfunctions/task-tokens.ts';
import { tokenKey } from '../../../../local/stepfunctions/token-key.ts';

// SendTaskSuccess Errors (AWS Step Functions API Reference): InvalidToken "The provided token is not
// valid"; TaskTimedOut "the task associated with the token has already been closed". A token minted
// before a restart was issued by the service, so it is the second, never the first.

const arn = 'arn:aws:states:us-east-1:000000000000:execution:m:e';
const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'token-key-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const errorType = (f: () => void) => {
  try {
    f();
    return 'none';
  } catch (error) {
    return (error as { type?: string }).type;
  }
};

describe('tokenKey', () => {
  it('makes the key once, readable by its owner only, and reads the same key at every later start', () => {
    const file = join(dir(), 'executions', 'task-token.key');
    const first = tokenKey(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(tokenKey(file).equals(first)).toBe(true);
  });

  it('replaces a key file of the wrong length', () => {
    const file = join(dir(), 'task-token.key');
    writeFileSync(file, 'short');
    expect(tokenKey(file)).toHaveLength(32);
  });

  it('after a restart, a token minted before it answers TaskTimedOut; another data directory’s answers InvalidToken', () => {
    const file = join(dir(), 'task-token.key');
    const before = new TaskTokenBroker(tokenKey(file));
    const { token } = before.mint(arn, 'Wait', 60_000);
    before.cancelExecution(arn);
    const restarted = new TaskTokenBroker(tokenKey(file));
    expect(errorType(() => restarted.succeed(token, {}))).toBe('TaskTimedOut');
    const elsewhere = new TaskTokenBroker(tokenKey(join(dir(), 'task-token.key')));
    expect(errorType(() => elsewhere.succeed(token, {}))).toBe('InvalidToken');
  });
});

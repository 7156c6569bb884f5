import { describe, expect, it } from 'vitest';
import { PageTokens } from '../../../../local/stepfunctions/page-tokens.ts';

// ListExecutions / GetExecutionHistory: "Each pagination token expires after 24 hours. Using an expired
// pagination token will return an HTTP 400 InvalidToken error."
describe('PageTokens', () => {
  it('gives back the offset it issued, for the same listing', () => {
    const tokens = new PageTokens();
    expect(tokens.offset(tokens.issue('history a', 200), 'history a')).toBe(200);
    expect(tokens.offset(undefined, 'history a')).toBe(0);
  });

  it.each(['garbage', '', 'eyJzY29wZSI6ImEiLCJvZmZzZXQiOjF9.AAAA', '100'])(
    'answers InvalidToken for %j',
    (token) => {
      expect(() => new PageTokens().offset(token, 'history a')).toThrow(
        expect.objectContaining({ type: 'InvalidToken' }),
      );
    },
  );

  it('answers InvalidToken for a token of another listing or another server', () => {
    const tokens = new PageTokens();
    const token = tokens.issue('history a', 100);
    expect(() => tokens.offset(token, 'history b')).toThrow(
      expect.objectContaining({ type: 'InvalidToken' }),
    );
    expect(() => new PageTokens().offset(token, 'history a')).toThrow(
      expect.objectContaining({ type: 'InvalidToken' }),
    );
  });

  it('answers InvalidToken once a token is older than 24 hours', () => {
    let now = 1_000_000;
    const tokens = new PageTokens(() => now);
    const token = tokens.issue('list', 10);
    now += 24 * 60 * 60 * 1000;
    expect(tokens.offset(token, 'list')).toBe(10);
    now += 1;
    expect(() => tokens.offset(token, 'list')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/expired/) }),
    );
  });
});

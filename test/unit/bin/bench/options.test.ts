import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchArgs } from '../../../../bin/bench/options.ts';

describe('bench options', () => {
  it('defaults to 200 documents, 8 in flight, 10 % approvals and a timeout that grows with the count', () => {
    // Act
    const options = parseBenchArgs([]);
    // Assess
    expect(options).toEqual({
      documents: 200,
      concurrency: 8,
      approvalShare: 0.1,
      timeoutMs: (120 + 2 * 200) * 1000,
      json: false,
    });
  });

  it('reads every option', () => {
    // Act
    const options = parseBenchArgs([
      '--documents',
      '1000',
      '--concurrency=16',
      '--approval-share',
      '0.25',
      '--timeout-seconds',
      '900',
      '--json',
    ]);
    // Assess
    expect(options).toEqual({
      documents: 1000,
      concurrency: 16,
      approvalShare: 0.25,
      timeoutMs: 900_000,
      json: true,
    });
  });

  it.each([
    [['--documents', '0'], /--documents must be a whole number from 1/],
    [['--documents', '2.5'], /--documents must be a whole number/],
    [['--concurrency', 'many'], /--concurrency must be a whole number/],
    [['--approval-share', '1.5'], /--approval-share must be from 0 to 1/],
    [['--timeout-seconds=0'], /--timeout-seconds must be a whole number/],
    [['--fast'], /Unknown option '--fast'/],
  ])('rejects %j', (argv, message) => {
    // Act / Assess
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

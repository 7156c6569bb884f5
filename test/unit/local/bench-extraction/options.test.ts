import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../../local/bench-extraction/options.ts';

describe('parseOptions', () => {
  it('defaults to 160 invoices from seed 1, as tables', () => {
    expect(parseOptions([])).toEqual({ count: 160, seed: 1, json: false, psm: undefined });
  });

  it('reads every flag', () => {
    expect(parseOptions(['--count', '8', '--seed', '5', '--psm', '4', '--json'])).toEqual({
      count: 8,
      seed: 5,
      json: true,
      psm: '4',
    });
  });

  it.each([
    [['--count', '0'], /positive integer/],
    [['--count', 'x'], /positive integer/],
    [['--count'], /needs a value/],
    [['--psm', '7'], /--psm must be one of/],
    [['--fast'], /Unknown argument --fast/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

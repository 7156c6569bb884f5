import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../../../bin/bench-extraction/options.ts';

describe('parseOptions', () => {
  it('defaults to the whole evaluation set from its own seeds, as tables', () => {
    expect(parseOptions([])).toEqual({
      set: 'eval',
      count: undefined,
      seed: undefined,
      fit: false,
      json: false,
      psm: undefined,
    });
  });

  it('reads every flag', () => {
    expect(
      parseOptions(['--set', 'tune', '--count', '8', '--seed', '5', '--psm', '4', '--fit', '--json']),
    ).toEqual({ set: 'tune', count: 8, seed: 5, fit: true, json: true, psm: '4' });
  });

  it.each([
    [['--count', '0'], /positive integer/],
    [['--count', 'x'], /positive integer/],
    [['--count'], /needs a value/],
    [['--psm', '7'], /--psm must be one of/],
    [['--set', 'all'], /--set must be one of tune, eval/],
    [['--fast'], /Unknown argument --fast/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../lambdas/platform/shared/canonical-json.ts';

// RFC 8785, JSON Canonicalization Scheme: https://www.rfc-editor.org/rfc/rfc8785
describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    // Act
    const json = canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } });

    // Assess
    expect(json).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
  });

  // RFC 8785 §3.2.3, "Sorting of Object Properties": its example, sorted by UTF-16 code units.
  it('orders keys by UTF-16 code units, as RFC 8785 §3.2.3 shows', () => {
    // Prepare
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };

    // Act
    const keys = Object.keys(JSON.parse(canonicalJson(value)) as object);
    const order = [...canonicalJson(value).matchAll(/"([^"]*)":"([^"]*)"/g)].map((m) => m[2]);

    // Assess
    expect(keys).toHaveLength(7);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  // RFC 8785 §3.2.2, "Serialization of Primitive Data Types": its example input and output.
  it('serialises numbers, strings and literals as RFC 8785 §3.2.2 shows', () => {
    // Prepare
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;

    // Act
    const json = canonicalJson(input);

    // Assess
    expect(json).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('drops undefined object values, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 0, f: () => 1 })).toBe('{"b":null,"c":0}');
  });

  it('keeps array order and writes undefined array items as null, as JSON does', () => {
    expect(canonicalJson([3, undefined, { z: 1, y: 2 }])).toBe('[3,null,{"y":2,"z":1}]');
  });

  it('writes -0 as 0 and a Date as its ISO string (toJSON), as JSON does', () => {
    expect(canonicalJson({ n: -0, at: new Date('2025-03-01T09:00:00.000Z') })).toBe(
      '{"at":"2025-03-01T09:00:00.000Z","n":0}',
    );
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a BigInt', 1n],
  ])('refuses %s, which has no JSON form (RFC 8785 §3.2.2.3)', (_name, value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });

  it.each([
    ['a string', 'a "quoted" \n line', JSON.stringify('a "quoted" \n line')],
    ['a number', 12.5, '12.5'],
    ['a boolean', false, 'false'],
    ['null', null, 'null'],
    ['undefined', undefined, 'null'],
    ['an empty object', {}, '{}'],
    ['an empty array', [], '[]'],
  ])('writes %s as JSON', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('is parseable JSON equal to the value', () => {
    const value = { summary: { vendor: 'Ünïcode & Co', total: '1,234.00' }, reasons: ['a', 'b'], n: -1e-7 };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson, hashJson, sha256Hex } from '../../../../lambdas/platform/shared/hash.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    // Act
    const json = canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } });

    // Assess
    expect(json).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
  });

  it('drops undefined object values, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null, c: 0 })).toBe('{"b":null,"c":0}');
  });

  it('keeps array order and writes undefined array items as null, as JSON does', () => {
    expect(canonicalJson([3, undefined, { z: 1, y: 2 }])).toBe('[3,null,{"y":2,"z":1}]');
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

describe('hashJson', () => {
  it('hashes equal values equally whatever their key order', () => {
    expect(hashJson({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(hashJson({ b: [1, { d: 3, c: 2 }], a: 1 }));
  });

  it('hashes different values differently', () => {
    expect(hashJson({ total: '100.00' })).not.toBe(hashJson({ total: '100.01' }));
    expect(hashJson([1, 2])).not.toBe(hashJson([2, 1]));
  });

  it('is the SHA-256 of the canonical JSON', () => {
    expect(hashJson({ b: 2, a: 1 })).toBe(sha256Hex('{"a":1,"b":2}'));
  });
});

describe('sha256Hex', () => {
  it('matches the standard test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes bytes like the equal string', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(sha256Hex('abc'));
  });
});

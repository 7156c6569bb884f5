import { describe, expect, it } from 'vitest';
import { hashJson, sha256Hex } from '../../../../lambdas/platform/shared/hash.ts';

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

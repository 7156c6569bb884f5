import { describe, expect, it } from 'vitest';
import { rc4 } from '../../../../lambdas/platform/inspection/rc4.ts';

// RFC 6229, "Test Vectors for the Stream Cipher RC4", section 2 (https://www.rfc-editor.org/rfc/rfc6229):
// the keystream at offset 0, i.e. RC4 of zero bytes, for 40-, 56- and 128-bit keys.
describe('rc4', () => {
  it.each([
    ['0102030405', 'b2396305f03dc027ccc3524a0a1118a8'],
    ['01020304050607', '293f02d47f37c9b633f2af5285feb46b'],
    ['0102030405060708090a0b0c0d0e0f10', '9ac7cc9a609d1ef7b2932899cde41b97'],
  ])('gives RFC 6229 keystream for key %s', (key, keystream) => {
    // Act
    const out = rc4(Buffer.from(key, 'hex'), Buffer.alloc(16));

    // Assess
    expect(out.toString('hex')).toBe(keystream);
  });

  it('decrypts what it encrypts', () => {
    // Prepare
    const key = Buffer.from('a short key');
    const plain = Buffer.from('Permission-only PDFs open without a password');

    // Act
    const round = rc4(key, rc4(key, plain));

    // Assess
    expect(rc4(key, plain).equals(plain)).toBe(false);
    expect(round.equals(plain)).toBe(true);
  });

  it('refuses an empty key', () => {
    // Act, Assess
    expect(() => rc4(new Uint8Array(0), Buffer.alloc(1))).toThrow(RangeError);
  });
});

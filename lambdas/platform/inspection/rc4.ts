/**
 * RC4, the stream cipher of PDF's standard security handler up to revision 4 (ISO 32000-1, 7.6.2).
 * OpenSSL 3 moved it to the legacy provider, so node:crypto may not offer it: it is a few lines.
 * Encrypting and decrypting are the same operation.
 *
 * @example rc4(Buffer.from('0102030405', 'hex'), Buffer.alloc(16)) // RFC 6229's first keystream bytes
 */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  if (key.length === 0 || key.length > 256) throw new RangeError('An RC4 key is 1 to 256 bytes');
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + at(s, i) + at(key, i % key.length)) & 0xff;
    swap(s, i, j);
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + at(s, i)) & 0xff;
    swap(s, i, j);
    out[n] = at(data, n) ^ at(s, (at(s, i) + at(s, j)) & 0xff);
  }
  return out;
}

/** A byte known to be in range (the loops bound every index), without a non-null assertion. */
const at = (bytes: Uint8Array, index: number): number => bytes[index] ?? 0;

function swap(s: Uint8Array, i: number, j: number): void {
  const t = at(s, i);
  s[i] = at(s, j);
  s[j] = t;
}

import { createDecipheriv, createHash } from 'node:crypto';
import { rc4 } from './rc4.ts';

/**
 * Decrypts one stream of a file that opens without a password, so its object streams can be inflated
 * and inspected like any other file's. Revisions 2–4 derive a key per object (ISO 32000-1, 7.6.2,
 * Algorithm 1); AES-256 (revisions 5 and 6) uses the file key itself (ISO 32000-2, 7.6.3.3).
 */

/** How the file's streams are encrypted: its crypt filter method (7.6.5), or RC4 before crypt filters. */
export type StreamMethod = 'none' | 'rc4' | 'aes-128' | 'aes-256';

/** A stream's bytes decrypted, or null when they are not what the method writes (AES's IV and padding). */
export type StreamDecryptor = (num: number, gen: number, data: Buffer) => Buffer | null;

export function streamDecryptor(method: StreamMethod, fileKey: Buffer): StreamDecryptor {
  switch (method) {
    case 'none':
      return (_num, _gen, data) => data;
    case 'rc4':
      return (num, gen, data) => rc4(objectKey(fileKey, num, gen, false), data);
    case 'aes-128':
      return (num, gen, data) => aesCbc('aes-128-cbc', objectKey(fileKey, num, gen, true), data);
    case 'aes-256':
      return (_num, _gen, data) => aesCbc('aes-256-cbc', fileKey, data);
  }
}

/** Algorithm 1: MD5 of the file key, the object's number (3 bytes) and generation (2 bytes), and `sAlT` for AES. */
function objectKey(fileKey: Buffer, num: number, gen: number, aes: boolean): Buffer {
  const suffix = Buffer.from([
    num & 0xff,
    (num >> 8) & 0xff,
    (num >> 16) & 0xff,
    gen & 0xff,
    (gen >> 8) & 0xff,
  ]);
  const hash = createHash('md5').update(fileKey).update(suffix);
  if (aes) hash.update('sAlT', 'latin1');
  return hash.digest().subarray(0, Math.min(fileKey.length + 5, 16));
}

/** The stream starts with its 16-byte IV; the rest is whole blocks with PKCS #7 padding. */
function aesCbc(algorithm: 'aes-128-cbc' | 'aes-256-cbc', key: Buffer, data: Buffer): Buffer | null {
  if (data.length < 32 || data.length % 16 !== 0) return null;
  try {
    const decipher = createDecipheriv(algorithm, key, data.subarray(0, 16));
    return Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
  } catch {
    return null; // bad padding: the stream is damaged or the key is wrong; the inspection stays best effort
  }
}

import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { rc4 } from './rc4.ts';

/**
 * The standard security handler's check of the empty user password: a file that passes it opens in
 * any reader without asking (an owner password may still restrict printing or copying). Revisions 2–4
 * follow ISO 32000-1, 7.6.3.3 (Algorithms 2, 4 and 5); revisions 5 and 6 (AES-256) ISO 32000-2, 7.6.4.4
 * (Algorithms 2.A, 2.B and 11; revision 5 is Adobe's deprecated extension, plain SHA-256).
 */

export interface StandardParameters {
  readonly revision: 2 | 3 | 4 | 5 | 6;
  /** The file key's length in bytes for revisions 3 and 4 (revision 2 is always 5, 5 and 6 always 32). */
  readonly keyBytes: number;
  readonly o: Buffer;
  readonly u: Buffer;
  /** The permission flags, a signed 32-bit integer (some writers give it unsigned). */
  readonly p: number;
  /** The first element of the trailer's /ID (empty when there is none). */
  readonly id: Buffer;
  readonly encryptMetadata: boolean;
  /** Revisions 5 and 6: the file key encrypted with the user key, and the encrypted permissions. */
  readonly ue?: Buffer;
  readonly perms?: Buffer;
}

/** Algorithm 2's padding string: a password is padded (the empty one is all of it) to 32 bytes. */
const padding = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** What the empty user password does: opens the file (with this file key), or not; or the dictionary contradicts itself. */
export type EmptyPassword =
  | { readonly kind: 'opens'; readonly key: Buffer }
  | { readonly kind: 'needs-password' }
  | { readonly kind: 'inconsistent'; readonly reason: string };

export function tryEmptyPassword(s: StandardParameters): EmptyPassword {
  if (s.revision >= 5) return aes256Key(s);
  const key = md5Key(s);
  return key === null ? { kind: 'needs-password' } : { kind: 'opens', key };
}

/** Revisions 2–4: Algorithm 2 computes the key; Algorithm 4 (R2) or 5 (R3, R4) recomputes U to compare. */
function md5Key(s: StandardParameters): Buffer | null {
  const n = s.revision === 2 ? 5 : s.keyBytes;
  const p = Buffer.alloc(4);
  p.writeUInt32LE(s.p >>> 0);
  const hash = createHash('md5').update(padding).update(s.o.subarray(0, 32)).update(p).update(s.id);
  if (s.revision >= 4 && !s.encryptMetadata) hash.update(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  let key: Buffer = hash.digest();
  if (s.revision >= 3) for (let i = 0; i < 50; i++) key = md5(key.subarray(0, n));
  key = key.subarray(0, n);
  if (s.revision === 2) return rc4(key, padding).equals(s.u.subarray(0, 32)) ? key : null;
  let check = rc4(key, md5(Buffer.concat([padding, s.id])));
  for (let i = 1; i <= 19; i++)
    check = rc4(
      key.map((b) => b ^ i),
      check,
    );
  return check.equals(s.u.subarray(0, 16)) ? key : null;
}

/**
 * Revisions 5 and 6: U holds a hash, an 8-byte validation salt and an 8-byte key salt. The empty
 * password is right when its hash with the validation salt is U's hash (Algorithm 11); the file key is
 * then UE decrypted with its hash with the key salt (Algorithm 2.A), confirmed by /Perms reading `adb`.
 */
function aes256Key(s: StandardParameters): EmptyPassword {
  const hash = s.revision === 6 ? hash2B : sha256;
  if (!hash(s.u.subarray(32, 40)).equals(s.u.subarray(0, 32))) return { kind: 'needs-password' };
  if (s.ue === undefined || s.perms === undefined)
    return { kind: 'inconsistent', reason: 'has no /UE or /Perms' };
  const userKey = hash(s.u.subarray(40, 48));
  const key = crypt(createDecipheriv('aes-256-cbc', userKey, Buffer.alloc(16)), s.ue);
  const perms = crypt(createDecipheriv('aes-256-ecb', key, null), s.perms.subarray(0, 16));
  if (perms.subarray(9, 12).toString('latin1') !== 'adb')
    return { kind: 'inconsistent', reason: 'gives a file key (/UE) that its /Perms does not confirm' };
  return { kind: 'opens', key };
}

/** Algorithm 2.B for the empty password (revision 6): SHA-256, then rounds of AES-128 and SHA-2. */
function hash2B(salt: Buffer): Buffer {
  let k: Buffer = sha256(salt);
  for (let round = 1; ; round++) {
    const e = crypt(createCipheriv('aes-128-cbc', k.subarray(0, 16), k.subarray(16, 32)), repeat(k, 64));
    // The first 16 bytes of E as a big-endian number, modulo 3, equals the sum of those bytes modulo 3.
    const remainder = e.subarray(0, 16).reduce((sum, b) => sum + b, 0) % 3;
    k = createHash(['sha256', 'sha384', 'sha512'][remainder] ?? 'sha256')
      .update(e)
      .digest();
    if (round >= 64 && (e.at(-1) ?? 0) <= round - 32) return k.subarray(0, 32);
  }
}

const md5 = (data: Buffer): Buffer => createHash('md5').update(data).digest();
/** Revision 5's hash of the empty password and a salt. */
const sha256 = (salt: Buffer): Buffer => createHash('sha256').update(salt).digest();
const repeat = (block: Buffer, times: number): Buffer =>
  Buffer.concat(Array.from({ length: times }, () => block));

/** A node:crypto Cipher or Decipher. */
interface BlockCipher {
  setAutoPadding(pad: boolean): unknown;
  update(data: Buffer): Buffer;
  final(): Buffer;
}

/** Whole blocks through a cipher, without padding (every input here is a multiple of 16 bytes). */
function crypt(cipher: BlockCipher, data: Buffer): Buffer {
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

import { describe, expect, it } from 'vitest';
import { compareKeys, diskName, keyOfDiskName } from '../../../../local/emulators/s3-keys.ts';

// S3 keys are flat strings stored verbatim, up to 1,024 bytes of UTF-8: "Naming Amazon S3 objects",
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
const keys = [
  'invoices/a/../../../etc/x.pdf',
  './y',
  'a//b',
  'a/b',
  '/leading',
  'trailing/',
  'a/%2e%2e/c',
  'back\\slash\\..\\z',
  'ü/ä…',
  '..',
  '.',
  'with space+plus',
  '😀/emoji',
  'x'.repeat(1024),
  'é'.repeat(512),
];

describe('local S3 disk names', () => {
  it.each(keys.map((k) => [k.slice(0, 40), k]))(
    'maps %s to a name that reads back as the same key',
    (_, key) => {
      // Act
      const name = diskName(key);

      // Assess
      expect(keyOfDiskName(name)).toBe(key);
      for (const piece of name.split('/')) {
        expect(piece).toMatch(/^[A-Za-z0-9_%-]{1,200}$/);
        expect(['.', '..']).not.toContain(piece);
      }
    },
  );

  it('gives distinct keys distinct names, so a//b and a/b never share a file', () => {
    expect(new Set(keys.map(diskName)).size).toBe(keys.length);
  });

  it('refuses a name that no key produces', () => {
    expect(() => keyOfDiskName('a/../b')).toThrow(/not a local S3 disk name/);
  });

  it('orders keys by their UTF-8 bytes, as ListObjectsV2 does', () => {
    // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16.
    expect(['😀', '～', 'a'].sort(compareKeys)).toEqual(['a', '～', '😀']);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeIncompleteObjects } from '../../../../local/emulators/s3-repair.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes s3rver's files for one key: the object, its md5 and (unless undefined) its metadata text. */
function writeObject(root: string, key: string, metadata: string | undefined): string {
  const base = join(root, 'bucket', key);
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}._S3rver_object`, 'body');
  writeFileSync(`${base}._S3rver_object.md5`, '841a2d689ad86bd1611447453c22c6fc');
  if (metadata !== undefined) writeFileSync(`${base}._S3rver_metadata.json`, metadata);
  return base;
}

describe('removeIncompleteObjects', () => {
  it('removes objects a hard stop left without complete metadata and keeps whole ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'tower-s3-repair-'));
    dirs.push(root);
    const whole = writeObject(root, 'invoices/whole.pdf', '{"content-type":"application/pdf"}');
    const truncated = writeObject(root, 'invoices/deep/truncated.pdf', '{"content-ty');
    const empty = writeObject(root, 'invoices/empty-metadata.pdf', '');
    const missing = writeObject(root, 'invoices/no-metadata.pdf', undefined);

    const removed = removeIncompleteObjects(root);

    expect(removed.sort()).toEqual(
      [
        'bucket/invoices/deep/truncated.pdf._S3rver_object',
        'bucket/invoices/empty-metadata.pdf._S3rver_object',
        'bucket/invoices/no-metadata.pdf._S3rver_object',
      ].sort(),
    );
    expect(existsSync(`${whole}._S3rver_object`)).toBe(true);
    expect(existsSync(`${whole}._S3rver_metadata.json`)).toBe(true);
    for (const base of [truncated, empty, missing]) {
      expect(existsSync(`${base}._S3rver_object`)).toBe(false);
      expect(existsSync(`${base}._S3rver_object.md5`)).toBe(false);
      expect(existsSync(`${base}._S3rver_metadata.json`)).toBe(false);
    }
  });

  it('does nothing on a first start, before the directory exists', () => {
    expect(removeIncompleteObjects(join(tmpdir(), 'tower-s3-repair-never-created'))).toEqual([]);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath } from '../../../../local/emulators/s3-keys.ts';
import { removeIncompleteObjects } from '../../../../local/emulators/s3-repair.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes s3rver's files for one key as the local S3 lays them out: the object, its md5 and (unless undefined) its metadata text. */
function writeObject(root: string, key: string, metadata: string | undefined): string {
  const object = resourcePath(root, 'bucket', key, 'object');
  mkdirSync(dirname(object), { recursive: true });
  writeFileSync(object, 'body');
  writeFileSync(`${object}.md5`, '841a2d689ad86bd1611447453c22c6fc');
  if (metadata !== undefined) writeFileSync(resourcePath(root, 'bucket', key, 'metadata.json'), metadata);
  return object;
}

describe('removeIncompleteObjects', () => {
  it('removes objects a hard stop left without complete metadata and keeps whole ones', () => {
    // Prepare
    const root = mkdtempSync(join(tmpdir(), 'tower-s3-repair-'));
    dirs.push(root);
    const whole = writeObject(root, 'invoices/whole.pdf', '{"content-type":"application/pdf"}');
    const truncated = writeObject(root, 'invoices/deep/truncated.pdf', '{"content-ty');
    const empty = writeObject(root, 'invoices/empty-metadata.pdf', '');
    const missing = writeObject(root, `invoices/${'long/'.repeat(60)}no-metadata.pdf`, undefined);

    // Act
    const removed = removeIncompleteObjects(root);

    // Assess
    expect(removed.sort()).toEqual(
      [
        'bucket/invoices/deep/truncated.pdf',
        'bucket/invoices/empty-metadata.pdf',
        `bucket/invoices/${'long/'.repeat(60)}no-metadata.pdf`,
      ].sort(),
    );
    expect(existsSync(whole)).toBe(true);
    for (const object of [truncated, empty, missing]) {
      expect(existsSync(object)).toBe(false);
      expect(existsSync(`${object}.md5`)).toBe(false);
    }
  });

  it('does nothing on a first start, before the directory exists', () => {
    expect(removeIncompleteObjects(join(tmpdir(), 'tower-s3-repair-never-created'))).toEqual([]);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath } from '../../../../local/emulators/s3-keys.ts';
import { describeMigration, migrateLegacyLayout } from '../../../../local/emulators/s3-legacy.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The files an earlier version wrote for one key: `<dir>/<bucket>/<key as path>._S3rver_*`. */
function writeLegacy(dir: string, bucket: string, key: string, body: string): void {
  const base = join(dir, bucket, key);
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}._S3rver_object`, body);
  writeFileSync(`${base}._S3rver_object.md5`, 'md5');
  writeFileSync(`${base}._S3rver_metadata.json`, '{"content-type":"application/pdf"}');
}

function legacyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tower-s3-legacy-'));
  dirs.push(dir);
  return dir;
}

describe('migrateLegacyLayout', () => {
  it('moves every object of an earlier layout to the verbatim-key layout, bytes and metadata intact', () => {
    // Prepare
    const dir = legacyDir();
    writeLegacy(dir, 'tower-docs', 'invoices/a.pdf', 'A');
    writeLegacy(dir, 'tower-docs', 'results/invoice/b.json', 'B');
    mkdirSync(join(dir, 'tower-docs', '._S3rver_uploads', 'upload-1'), { recursive: true });
    writeFileSync(join(dir, 'tower-docs', '._S3rver_uploads', 'upload-1', 'key'), 'big.pdf');
    mkdirSync(join(dir, 'empty-bucket'));
    // A key with enough ../ wrote here, outside any bucket.
    writeFileSync(join(dir, 'escaped.pdf._S3rver_object'), 'X');

    // Act
    const result = migrateLegacyLayout(dir);

    // Assess
    const buckets = join(dir, '_buckets');
    expect(result).toMatchObject({ objects: 2, buckets: ['empty-bucket', 'tower-docs'] });
    expect(result.leftInPlace).toEqual(['escaped.pdf._S3rver_object']);
    expect(readFileSync(resourcePath(buckets, 'tower-docs', 'invoices/a.pdf', 'object'), 'utf8')).toBe('A');
    expect(
      readFileSync(resourcePath(buckets, 'tower-docs', 'results/invoice/b.json', 'object'), 'utf8'),
    ).toBe('B');
    expect(
      readFileSync(resourcePath(buckets, 'tower-docs', 'invoices/a.pdf', 'metadata.json'), 'utf8'),
    ).toContain('application/pdf');
    expect(existsSync(join(buckets, 'tower-docs', '._S3rver_uploads', 'upload-1', 'key'))).toBe(true);
    expect(existsSync(join(buckets, 'empty-bucket'))).toBe(true);
    expect(existsSync(join(dir, 'tower-docs'))).toBe(false);
    expect(existsSync(join(dir, 'escaped.pdf._S3rver_object'))).toBe(true);
    expect(describeMigration(result, dir)).toMatch(
      /moved 2 object\(s\) of empty-bucket, tower-docs[\s\S]*left in place/,
    );
  });

  it('finishes a migration a crash cut off, and does nothing once done', () => {
    // Prepare: the first object's metadata already moved, its object and md5 not yet.
    const dir = legacyDir();
    writeLegacy(dir, 'tower-docs', 'invoices/a.pdf', 'A');
    const moved = resourcePath(join(dir, '_buckets'), 'tower-docs', 'invoices/a.pdf', 'metadata.json');
    mkdirSync(dirname(moved), { recursive: true });
    writeFileSync(moved, '{"content-type":"application/pdf"}');
    rmSync(join(dir, 'tower-docs', 'invoices', 'a.pdf._S3rver_metadata.json'));

    // Act
    const first = migrateLegacyLayout(dir);
    const second = migrateLegacyLayout(dir);

    // Assess
    expect(first.objects).toBe(1);
    expect(
      readFileSync(resourcePath(join(dir, '_buckets'), 'tower-docs', 'invoices/a.pdf', 'object'), 'utf8'),
    ).toBe('A');
    expect(second).toEqual({ objects: 0, buckets: [], leftInPlace: [] });
    expect(describeMigration(second, dir)).toBeUndefined();
  });

  it('does nothing on a first start, before the directory exists', () => {
    expect(migrateLegacyLayout(join(tmpdir(), 'tower-s3-legacy-never-created'))).toEqual({
      objects: 0,
      buckets: [],
      leftInPlace: [],
    });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipOneFile } from './support/zip.ts';

// The AWS target deploys its functions as a ZIP (Lambda CreateFunction `Code.ZipFile`): a standard
// archive any unzip reads, holding index.mjs as a regular file.
describe('zipOneFile', () => {
  it('makes an archive unzip lists and extracts byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tower-zip-'));
    try {
      const source = 'export const handler = async (event) => ({ échoed: event });\n';
      const zip = join(dir, 'function.zip');
      writeFileSync(zip, zipOneFile('index.mjs', source));
      expect(execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim()).toBe('index.mjs');
      expect(execFileSync('unzip', ['-p', zip, 'index.mjs'], { encoding: 'utf8' })).toBe(source);
      expect(execFileSync('unzip', ['-tq', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

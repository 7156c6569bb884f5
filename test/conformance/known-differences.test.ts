import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every difference a conformance test marks with knownDifference is listed, with its id, in the
// README's "Known differences from AWS"; and the README lists no difference that no test marks.

const root = join(import.meta.dirname, '../..');
const suite = join(root, 'test/conformance');

function markedIds(): string[] {
  return readdirSync(suite)
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => [
      ...readFileSync(join(suite, f), 'utf8').matchAll(/knownDifference\(\s*\{\s*id: '([^']+)'/g),
    ])
    .map((m) => m[1] ?? '')
    .sort();
}

function listedIds(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split('## Known differences from AWS')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^- `([a-z0-9-]+)`/gm)].map((m) => m[1] ?? '').sort();
}

describe('known differences from AWS', () => {
  it('are the same in the tests and in the README', () => {
    expect(markedIds().length).toBeGreaterThan(0);
    expect(listedIds()).toEqual(markedIds());
  });
});

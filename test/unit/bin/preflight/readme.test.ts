import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionOf } from '../../../../bin/preflight/permissions.ts';
import { checks } from '../../../../bin/preflight/run-checks.ts';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(
  readme.indexOf('### Preflight'),
  readme.indexOf('### What an operator needs on AWS'),
);

describe('preflight: the README', () => {
  it('lists every permission the preflight needs', () => {
    for (const permission of Object.values(permissionOf).filter((p) => p !== undefined))
      expect(section).toContain(`\`${permission}\``);
  });

  it('has a row for every check', () => {
    const rows = section
      .split('\n')
      .filter((l) => /^\| [A-Z]/.test(l))
      .map((l) => l.split('|')[1]?.trim());
    for (const { name } of checks)
      expect(
        rows.some((row) => row?.startsWith(name.split(' ')[0] ?? name)),
        name,
      ).toBe(true);
  });
});

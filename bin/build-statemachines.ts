import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { generateDefinition } from '../statemachines/generated.ts';

// npm run build:asl: every `<name>.asl.json` from its `<name>.workflow.json` (human steps expanded),
// the processes' in statemachines/ and the test processes' in test/; `-- --check` only verifies.
const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.workflow.json') ? [path] : [];
  });
}

let stale = 0;
for (const source of [...sources(join(root, 'statemachines')), ...sources(join(root, 'test'))]) {
  const target = source.replace(/\.workflow\.json$/, '.asl.json');
  const generated = generateDefinition(source);
  let current: unknown;
  try {
    current = JSON.parse(readFileSync(target, 'utf8'));
  } catch {
    current = undefined;
  }
  if (isDeepStrictEqual(current, generated)) continue;
  stale += 1;
  if (check) {
    process.stderr.write(`${relative(root, target)} is out of date: run npm run build:asl\n`);
    continue;
  }
  writeFileSync(target, `${JSON.stringify(generated, null, 2)}\n`);
  // The project's formatter owns the layout, so the generated file passes lint as written.
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/@biomejs/biome/bin/biome'), 'format', '--write', target],
    {
      stdio: 'ignore',
    },
  );
  process.stdout.write(`wrote ${relative(root, target)}\n`);
}
process.exit(check && stale > 0 ? 1 : 0);

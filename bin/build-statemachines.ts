import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { processes } from '../lambdas/processes/index.ts';
import { generateDefinition, sourcePathOf } from '../statemachines/generated.ts';

// npm run build:asl: each process's ASL from its workflow source (human steps expanded); `-- --check` only verifies.
const check = process.argv.includes('--check');
let stale = 0;
for (const p of processes) {
  const source = sourcePathOf(p.definitionPath);
  if (!source) continue;
  const generated = generateDefinition(source);
  const current = JSON.parse(readFileSync(p.definitionPath, 'utf8')) as unknown;
  if (isDeepStrictEqual(current, generated)) continue;
  stale += 1;
  if (check) {
    process.stderr.write(`${p.definitionPath} is out of date: run npm run build:asl\n`);
    continue;
  }
  writeFileSync(p.definitionPath, `${JSON.stringify(generated, null, 2)}\n`);
  // The project's formatter owns the layout, so the generated file passes lint as written.
  execFileSync(
    process.execPath,
    ['node_modules/@biomejs/biome/bin/biome', 'format', '--write', p.definitionPath],
    {
      stdio: 'inherit',
    },
  );
  process.stdout.write(`wrote ${p.definitionPath}\n`);
}
process.exit(check && stale > 0 ? 1 : 0);

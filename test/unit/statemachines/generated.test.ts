import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { towerCatalog } from '../../../lambdas/platform/tower-catalog.ts';

import { processes } from '../../../lambdas/processes/index.ts';
import { partitionPlaceholder, placeholdersIn } from '../../../statemachines/definition.ts';
import { generateDefinition, sourcePathOf } from '../../../statemachines/generated.ts';

// What deploys is the checked-in ASL; it must be exactly what its workflow source generates.
describe.each(processes.map((p) => [p.id, p] as const))('the %s state machine', (_, process) => {
  const source = sourcePathOf(process.definitionPath);

  it('has a workflow source next to its ASL', () => {
    expect(source).toBeDefined();
  });

  it('is checked in as its source generates it (npm run build:asl)', () => {
    const checkedIn = JSON.parse(readFileSync(process.definitionPath, 'utf8')) as unknown;
    expect(checkedIn).toEqual(generateDefinition(source ?? ''));
  });

  it('is valid ASL with every placeholder filled', () => {
    const placeholders = towerCatalog(processes).placeholdersOf(process);
    let text = readFileSync(process.definitionPath, 'utf8');
    for (const name of placeholdersIn(text)) {
      const value =
        name === partitionPlaceholder
          ? 'aws'
          : placeholders.functions[name]
            ? `arn:aws:lambda:us-east-1:123456789012:function:tower-${placeholders.functions[name]}`
            : `https://sqs.us-east-1.amazonaws.com/123456789012/${placeholders.queues[name]}`;
      text = text.replaceAll(`\${${name}}`, value);
    }
    expect(aslValidator(JSON.parse(text))).toMatchObject({ isValid: true, errors: [] });
  });

  it('hands no Task the whole state: each passes what it needs', () => {
    const definition = JSON.parse(readFileSync(process.definitionPath, 'utf8')) as {
      States: Record<string, { Type: string; Parameters?: unknown; InputPath?: string }>;
    };
    const whole = Object.entries(definition.States).filter(
      ([, state]) =>
        state.Type === 'Task' &&
        (state.Parameters === undefined || JSON.stringify(state.Parameters).includes('".$":"$"')),
    );
    expect(whole.map(([name]) => name)).toEqual([]);
  });
});

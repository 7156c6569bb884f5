import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../../../bin/operator/commands.ts';
import {
  allOperatorActions,
  operatorCalls,
  sdkCommandActions,
  storeMethodActions,
} from '../../../../lambdas/platform/registry/operator-calls.ts';

const dir = new URL('../../../../bin/operator/', import.meta.url);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'))
  .join('\n');

/** The AWS actions the CLI's source reaches: SDK commands it constructs, store methods it calls. */
function actionsInSource(): { actions: string[]; unknown: string[] } {
  const commandsBuilt = [...sources.matchAll(/new (\w+Command)\(/g)].map((m) => m[1] ?? '');
  const storeCalls = [...sources.matchAll(/\.(documents|audit)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`);
  // changeStatus (the platform's status change) moves the document and appends its audit event.
  if (sources.includes('changeStatus(')) storeCalls.push('documents.transition', 'audit.append');
  const unknown = [
    ...commandsBuilt.filter((c) => sdkCommandActions[c] === undefined),
    ...storeCalls.filter((c) => storeMethodActions[c] === undefined),
  ];
  const actions = [
    ...commandsBuilt.flatMap((c) => sdkCommandActions[c] ?? []),
    ...storeCalls.flatMap((c) => storeMethodActions[c] ?? []),
  ];
  return { actions: [...new Set(actions)].sort(), unknown };
}

describe('the operator CLI calls list', () => {
  it('names every command the CLI has, and no other', () => {
    expect(Object.keys(operatorCalls).sort()).toEqual(Object.keys(commands).sort());
  });

  it('declares every AWS call the CLI source makes, and declares nothing it does not make', () => {
    // Act
    const { actions, unknown } = actionsInSource();

    // Assess: KMS is used by DynamoDB and SQS on the caller's behalf, never called directly.
    expect(unknown).toEqual([]);
    expect(actions).toEqual(allOperatorActions().filter((a) => !a.startsWith('kms:')));
  });

  it('has each command read the stack first, and only the acting ones write the audit trail', () => {
    for (const [name, calls] of Object.entries(operatorCalls)) {
      expect(calls[0]?.action).toBe('cloudformation:DescribeStacks');
      const writesAudit = calls.some((c) => c.action === 'dynamodb:PutItem' && c.on === 'audit-table');
      expect({ name, writesAudit }).toEqual({
        name,
        writesAudit: commands[name as keyof typeof commands].action,
      });
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';

import { processes } from '../../lambdas/processes/index.ts';
import { type SynthesizedTower, synthTower } from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, 120_000);

const pascal = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, l: string) => l.toUpperCase());

describe('stack outputs', () => {
  it('name everything the operator CLI and the README need', () => {
    // Prepare
    const expected = [
      'DataBucketName',
      'IntakePrefixes',
      'ApprovalApiUrl',
      'DocumentsTableName',
      'AuditTableName',
      ...processes.map((p) => `${pascal(p.id)}StateMachineArn`),
      ...towerCatalog(processes).queues.flatMap((q) => [
        `${pascal(q.id)}QueueUrl`,
        `${pascal(q.id)}DeadLetterQueueUrl`,
      ]),
    ];
    // Act
    const outputs = Object.keys(tower.template.toJSON().Outputs ?? {});
    // Assess
    expect(outputs).toEqual(expect.arrayContaining(expected));
  });
});

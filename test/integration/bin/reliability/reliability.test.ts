import { describe, expect, it } from 'vitest';
import { scenarios } from '../../../../bin/reliability/run.ts';
import { sharedDynamoDb } from '../../../support/shared-dynamodb.ts';

// Every scenario at small scale (tens of documents), each on a fresh runtime: nothing lost, nothing twice.
describe('reliability scenarios at small scale', () => {
  it.each(scenarios.map((s) => [s.id, s.name, s] as const))(
    'scenario %i (%s): every document settles where expected, once',
    async (_id, _name, scenario) => {
      // Act
      // In-process runtimes use the project's DynamoDB Local; scenario 5's child processes start their own.
      const row = await scenario.run({
        scale: 'small',
        log: () => undefined,
        sharedDynamoDb: sharedDynamoDb(),
      });
      // Assess
      // Audit gaps (a move cut off before its audit event by kill -9) are reported, not counted here.
      expect(row.problems.filter((p) => !p.startsWith('audit gap'))).toEqual([]);
      expect(row).toMatchObject({ lost: 0, duplicated: 0, wrong: 0 });
      expect(row.documents).toBeGreaterThanOrEqual(10);
      expect(row.expected).toBe(row.documents);
    },
  );
});

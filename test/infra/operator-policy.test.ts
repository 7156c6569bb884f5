import { beforeAll, describe, expect, it } from 'vitest';
import { allOperatorActions } from '../../lambdas/platform/registry/operator-calls.ts';
import {
  asList,
  flat,
  joined,
  logicalIdOf,
  type Statement,
  type SynthesizedTower,
  synthTimeout,
  synthTower,
  verifiedAddresses,
} from './tower-template.ts';

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower({ ...verifiedAddresses(), stage: 'prod' });
}, synthTimeout);

const statements = (): Statement[] => {
  const policy = tower.resources[logicalIdOf(tower.stack.platform.operatorPolicy.policy)];
  expect(policy?.Type).toBe('AWS::IAM::ManagedPolicy');
  const document = policy?.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined;
  return document?.Statement ?? [];
};
const withAction = (action: string) => statements().filter((s) => asList(s.Action).includes(action));

describe('the operator policy', () => {
  it('is output by the stack, for the role or user that runs tower --stack', () => {
    const outputs = tower.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.OperatorPolicyArn?.Value).toEqual({
      Ref: logicalIdOf(tower.stack.platform.operatorPolicy.policy),
    });
  });

  it("allows exactly the actions the CLI's commands call, and nothing with a wildcard", () => {
    const actions = statements().flatMap((s) => asList(s.Action));
    expect([...new Set(actions)].sort()).toEqual(allOperatorActions());
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(statements().every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('reads only this stack, and only its outputs', () => {
    const [describe, ...others] = withAction('cloudformation:DescribeStacks');
    expect(others).toEqual([]);
    expect(asList(describe?.Action ?? [])).toEqual(['cloudformation:DescribeStacks']);
    expect(flat(describe?.Resource)).toContain(':stack/');
    expect(flat(describe?.Resource)).toContain(':stack/Tower-prod/*');
  });

  // GetItem reads the head a queue's trail (no document record) keeps in the audit table.
  it('writes the audit trail by PutItem only, and never deletes', () => {
    const audit = flat({ 'Fn::GetAtt': [logicalIdOf(tower.stack.platform.tables.table('audit')), 'Arn'] });
    const onAudit = statements().filter((s) => flat(s.Resource).includes(audit));
    expect(onAudit.flatMap((s) => asList(s.Action)).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
    expect(allOperatorActions().filter((a) => /Delete(Item|Table)|Purge/.test(a))).toEqual([]);
  });

  it('consumes only dead-letter queues, sends only to the work queues, and uses the key only through their services', () => {
    const dlqs = Object.values(tower.stack.platform.parts.queues).map((q) =>
      flat({ 'Fn::GetAtt': [logicalIdOf(q.deadLetterQueue), 'Arn'] }),
    );
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'])
      for (const s of withAction(action))
        expect(
          asList(s.Resource as string[])
            .map(flat)
            .sort(),
        ).toEqual(dlqs.sort());
    const send = withAction('sqs:SendMessage');
    expect(send).toHaveLength(1);
    expect(flat(send[0]?.Resource)).not.toContain('DeadLetter');
    for (const s of statements().filter((x) => asList(x.Action).some((a) => a.startsWith('kms:'))))
      expect(flat(s.Condition)).toMatch(/kms:ViaService.*(dynamodb|sqs)\./);
  });

  it("acts on this stack's state machines' executions only", () => {
    for (const action of ['states:DescribeExecution', 'states:StopExecution', 'states:RedriveExecution'])
      for (const s of withAction(action))
        for (const resource of asList(s.Resource as string[]))
          expect(joined(resource)).toMatch(/:execution:tower-prod-[a-z0-9]+-<stack>:\*$/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { FunctionId } from '../../lambdas/platform/registry/functions.ts';
import { tableOperationActions } from '../../lambdas/platform/stores/uses.ts';
import { towerCatalog } from '../../lambdas/platform/tower-catalog.ts';
import { taskResultActions } from '../../lambdas/platform/workflows/uses.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { placeholdersIn, readDefinition } from '../../statemachines/definition.ts';
import { bucketOf, has, tablesOf, targetOf, taskResultsOf, textractActionsOf } from './spec-uses.ts';
import {
  asList,
  flat,
  functionOf,
  logicalIdOf,
  policyStatements,
  queueOf,
  type Statement,
  type SynthesizedTower,
  statementsOf,
  statementsOfRole,
  synthTimeout,
  synthTower,
  textractOf,
} from './tower-template.ts';

const catalog = towerCatalog(processes);

let tower: SynthesizedTower;
beforeAll(() => {
  tower = synthTower();
}, synthTimeout);

const allStatements = () =>
  Object.values(tower.resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap(policyStatements);
const actionsOf = (statements: readonly Statement[]) => statements.flatMap((s) => asList(s.Action));
const withAction = (statements: readonly Statement[], action: string) =>
  statements.filter((s) => asList(s.Action).includes(action));
const stateMachineArnPattern = processes.map((p) => `:stateMachine:tower-dev-${p.id}`);

describe('least privilege', () => {
  it('grants no service-wide wildcard action anywhere', () => {
    const wildcards = actionsOf(allStatements()).filter((action) => action === '*' || action.endsWith(':*'));
    expect(wildcards).toEqual([]);
  });

  it.each(['states:', 'dynamodb:', 's3:', 'kms:'])('grants no %s action with a wildcard', (prefix) => {
    expect(actionsOf(allStatements()).filter((a) => a.startsWith(prefix) && a.includes('*'))).toEqual([]);
  });

  // SendTask* support no resource-level permissions (Service Authorization Reference, "Actions,
  // resources, and condition keys for AWS Step Functions"; aws-cdk discussion #26401): a statement on
  // state machine ARNs never matches, so every task result would be denied on AWS.
  it('lets only the functions that send task results call SendTask*, on * as IAM requires', () => {
    for (const spec of catalog.functions) {
      const statements = statementsOf(tower, spec.id).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('states:SendTask')),
      );
      if (taskResultsOf(spec).length === 0) {
        expect(statements).toEqual([]);
        continue;
      }
      expect(statements).toHaveLength(1);
      expect(statements[0]?.Resource).toBe('*');
      // The results it sends, not the set: no function sends heartbeats.
      expect(asList(statements[0]?.Action ?? []).filter((a) => a.startsWith('states:SendTask'))).toEqual(
        taskResultsOf(spec).map((r) => taskResultActions[r]),
      );
    }
    expect(taskResultsOf(catalog.function('approval-api'))).toEqual(['success', 'failure']);
    expect(actionsOf(allStatements())).not.toContain('states:SendTaskHeartbeat');
  });

  // With a customer managed key DynamoDB decrypts the table key with the caller's credentials on every
  // data-plane call, writes included (KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS").
  it.each(catalog.functions.filter((s) => Object.keys(tablesOf(s)).length > 0).map((s) => [s.id] as const))(
    '%s: may decrypt with the tables key, as every DynamoDB call on its tables needs',
    (id) => {
      const key = logicalIdOf(tower.stack.platform.key.key);
      const onKey = statementsOf(tower, id as FunctionId).filter((s) => flat(s.Resource).includes(key));
      expect(actionsOf(onKey)).toContain('kms:Decrypt');
    },
  );

  // In the SES sandbox SES authorises ses:SendEmail on each recipient's identity too (SES Developer
  // Guide, "Request production access"): the approvers' identities are granted by default.
  it('grants ses:SendEmail on the sender identities and, in the sandbox, the recipients', () => {
    const sending = catalog.functions.filter((s) => has(s, 'mail', 'send'));
    expect(sending.length).toBeGreaterThan(0);
    for (const spec of sending) {
      const resources = withAction(statementsOf(tower, spec.id), 'ses:SendEmail').flatMap((s) =>
        asList(s.Resource as string | string[]).map(flat),
      );
      for (const identity of [
        'identity/tower@example.com',
        'identity/example.com',
        'identity/approver@example.com',
      ])
        expect(resources.some((r) => r.includes(identity))).toBe(true);
    }
  });

  // SendEmail's resource types are identity* and configuration-set (Service Authorization Reference,
  // "Actions, resources, and condition keys for Amazon SES"): a send that an identity's default configuration
  // set applies to is authorised on that set's ARN too, and the default is chosen on the identity, not here.
  // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonses.html
  // https://docs.aws.amazon.com/ses/latest/dg/managing-configuration-sets.html
  it("grants ses:SendEmail on the configuration sets of the stack's account and region, for an identity's default set", () => {
    const sending = catalog.functions.filter((s) => has(s, 'mail', 'send'));
    expect(sending.length).toBeGreaterThan(0);
    const configurationSets = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':configuration-set/*',
        ],
      ],
    };
    for (const spec of sending) {
      const onSets = withAction(statementsOf(tower, spec.id), 'ses:SendEmail').filter((s) =>
        flat(s.Resource).includes(':configuration-set/'),
      );
      expect(onSets.map((s) => [s.Action, s.Resource, s.Condition])).toEqual([
        ['ses:SendEmail', configurationSets, undefined],
      ]);
    }
  });

  it('lets only the starter start executions, and only of the process state machines', () => {
    for (const spec of catalog.functions) {
      const statements = withAction(statementsOf(tower, spec.id), 'states:StartExecution');
      expect(statements.length).toBe(has(spec, 'workflows', 'start') ? 1 : 0);
      for (const statement of statements)
        expect(flat(statement.Resource)).toContain(stateMachineArnPattern[0]);
    }
  });

  it.each(catalog.functions.map((s) => [s.id, s] as const))(
    '%s: touches exactly the tables it registers',
    (_, spec) => {
      // Prepare
      const tableArns = new Map(
        catalog.tables.map((t) => [logicalIdOf(tower.stack.platform.tables.table(t.id)), t.id]),
      );

      // Act
      const touched = new Set(
        statementsOf(tower, spec.id)
          .filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')))
          .flatMap((s) =>
            [...tableArns].filter(([logicalId]) => flat(s.Resource).includes(logicalId)).map(([, id]) => id),
          ),
      );

      // Assess
      expect([...touched].sort()).toEqual(Object.keys(tablesOf(spec)).sort());
    },
  );

  it.each(
    catalog.functions.filter((s) => Object.keys(tablesOf(s)).length > 0).map((s) => [s.id, s] as const),
  )('%s: may call exactly the item operations it registers, per table', (_, spec) => {
    for (const [id, access] of Object.entries(tablesOf(spec))) {
      const table = logicalIdOf(tower.stack.platform.tables.table(id));
      const onTable = statementsOf(tower, spec.id).filter(
        (s) => flat(s.Resource).includes(table) && asList(s.Action).some((a) => a.startsWith('dynamodb:')),
      );
      expect(actionsOf(onTable).sort()).toEqual(access.map((op) => tableOperationActions[op]).sort());
    }
  });

  // No function calls a batch operation (grep the handlers: no Batch* command). Transactions need no
  // action of their own: DynamoDB authorises each action inside a TransactWriteItems as its own call
  // (Put as PutItem, Update as UpdateItem, ConditionCheck as ConditionCheckItem; Developer Guide,
  // "Using IAM with DynamoDB transactions",
  // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html).
  it('grants no batch or transaction action and no kms:Encrypt to any function', () => {
    const granted = catalog.functions.flatMap((spec) => actionsOf(statementsOf(tower, spec.id)));
    expect(granted.filter((a) => /Batch|Transact/.test(a))).toEqual([]);
    // DynamoDB documents Decrypt and GenerateDataKey for the table key, never Encrypt (access-actions.ts).
    expect(granted).not.toContain('kms:Encrypt');
  });

  it.each(
    catalog.functions.filter((s) => tablesOf(s).audit?.join() === 'put').map((s) => [s.id, s.id] as const),
  )('%s: may only put items into the audit table', (_, id: FunctionId) => {
    const audit = logicalIdOf(tower.stack.platform.tables.table('audit'));
    const onAudit = statementsOf(tower, id).filter((s) => flat(s.Resource).includes(audit));
    expect(actionsOf(onAudit)).toEqual(['dynamodb:PutItem']);
  });

  // A change and its audit events are one TransactWriteItems (stores/chained-write.ts): the chain's head
  // on the document record is read (GetItem) and moved (UpdateItem), the event put into the audit table.
  it.each(catalog.functions.filter((s) => tablesOf(s).audit !== undefined).map((s) => [s.id, s] as const))(
    '%s: appends audit events, so may read and move the chain head on documents and put events',
    (_, spec) => {
      const tables = tablesOf(spec);
      expect(tables.audit).toContain('put');
      expect(tables.documents).toEqual(expect.arrayContaining(['get', 'update']));
      // Only a trail with no document record reads its head from the audit table and checks the record absent.
      if (tables.audit?.includes('get')) expect(tables.documents).toContain('check');
    },
  );

  it('grants index queries by index name, never index/*', () => {
    expect(allStatements().filter((s) => flat(s.Resource).includes('/index/*'))).toEqual([]);
  });

  it.each(catalog.functions.map((s) => [s.id, s] as const))(
    '%s: reads and writes only its registered bucket prefixes',
    (_, spec) => {
      // Prepare
      // A process's own function reaches its own part only: its intake prefix, `<area><process>/`.
      const own = (area: string) => (spec.process === undefined ? area : `${area}${spec.process}/`);
      const intake = processes.filter((p) => spec.process === undefined || p.id === spec.process);
      const expected = bucketOf(spec).flatMap((grant) =>
        (grant.area === 'intake' ? intake.map((p) => p.intakePrefix) : [own(grant.area)]).map(
          (prefix) => `/${prefix}*`,
        ),
      );

      const listed = bucketOf(spec)
        .filter((g) => g.access.includes('list'))
        .map((g) => `${own(g.area)}*`);

      // Act
      const s3Statements = statementsOf(tower, spec.id).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('s3:')),
      );
      const objectResources = s3Statements
        .filter((s) => !asList(s.Action).includes('s3:ListBucket'))
        .flatMap((s) => asList(s.Resource as string | string[]).map(flat));
      const listStatements = s3Statements.filter((s) => asList(s.Action).includes('s3:ListBucket'));

      // Assess
      expect(objectResources).toHaveLength(expected.length);
      for (const suffix of expected)
        expect(objectResources.some((r) => r.includes(`"${suffix}"`))).toBe(true);
      // Listing is on the bucket, limited to the registered prefixes by condition.
      expect(listStatements).toHaveLength(listed.length > 0 ? 1 : 0);
      for (const statement of listStatements) {
        expect(asList(statement.Action)).toEqual(['s3:ListBucket']);
        expect(JSON.stringify(statement.Condition)).toBe(
          JSON.stringify({ StringLike: { 's3:prefix': listed } }),
        );
      }
    },
  );

  it('lets only execution-ended read executions, and only those of the process state machines', () => {
    for (const spec of catalog.functions) {
      // Prepare
      const statements = withAction(statementsOf(tower, spec.id), 'states:DescribeExecution');
      // Act
      const resources = statements.flatMap((s) => asList(s.Resource as string | string[]).map(flat));
      // Assess
      if (!has(spec, 'workflows', 'describe')) expect(statements).toEqual([]);
      else {
        expect(resources).toHaveLength(processes.length);
        for (const p of processes)
          expect(resources.some((r) => r.includes(`:execution:tower-${tower.config.stage}-${p.id}:*`))).toBe(
            true,
          );
      }
    }
  });

  it('scopes email to the sender identity', () => {
    for (const spec of catalog.functions) {
      const statements = withAction(statementsOf(tower, spec.id), 'ses:SendEmail').filter(
        (s) => !flat(s.Resource).includes(':configuration-set/'),
      );
      expect(statements.length).toBe(has(spec, 'mail', 'send') ? 1 : 0);
      for (const statement of statements) {
        const resources = flat(statement.Resource);
        expect(resources).toContain(`:identity/${tower.config.senderAddress}`);
        expect(resources).not.toContain('"*"');
      }
    }
  });

  it('gives Textract actions (which have no resource ARNs) only to the functions that call Textract', () => {
    for (const spec of catalog.functions) {
      const textract = statementsOf(tower, spec.id).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('textract:')),
      );
      expect(actionsOf(textract).filter((a) => a.startsWith('textract:'))).toEqual(textractActionsOf(spec));
      for (const statement of textract) expect(statement.Resource).toBe('*');
    }
  });

  it('uses the key only by its ARN', () => {
    const key = logicalIdOf(tower.stack.platform.key.key);
    for (const statement of allStatements().filter((s) => asList(s.Action).some((a) => a.startsWith('kms:'))))
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [key, 'Arn'] });
  });

  it('lets each state machine invoke exactly the functions its ASL names', () => {
    for (const p of processes) {
      const machine = tower.stack.platform.parts.stateMachines[p.id];
      expect(machine).toBeDefined();
      if (!machine) continue;
      const invoke = withAction(
        statementsOfRole(tower, logicalIdOf(machine.stateMachine.role)),
        'lambda:InvokeFunction',
      );
      const invoked = invoke.flatMap((s) => asList(s.Resource as string | string[])).map(flat);
      const names = catalog.placeholdersOf(p).functions;
      const used = placeholdersIn(readDefinition(p)).flatMap((name) => (names[name] ? [names[name]] : []));
      const expected = [...new Set(used)].map((id) =>
        flat({ 'Fn::GetAtt': [logicalIdOf(functionOf(tower, id).function), 'Arn'] }),
      );
      expect(invoked.sort()).toEqual(expected.sort());
    }
  });

  it('lets each state machine send only to the queues its process names, and nothing else of SQS', () => {
    for (const p of processes) {
      const machine = tower.stack.platform.parts.stateMachines[p.id];
      expect(machine).toBeDefined();
      if (!machine) continue;
      const statements = statementsOfRole(tower, logicalIdOf(machine.stateMachine.role));
      const sqs = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('sqs:')));
      const expected = [...new Set(Object.values(p.queuePlaceholders))].map((id) =>
        flat({ 'Fn::GetAtt': [logicalIdOf(queueOf(tower, id).queue), 'Arn'] }),
      );
      expect(expected).toEqual([
        flat({ 'Fn::GetAtt': [logicalIdOf(queueOf(tower, 'extraction').queue), 'Arn'] }),
      ]);
      expect(actionsOf(sqs)).toEqual(['sqs:SendMessage']);
      expect(sqs.flatMap((s) => asList(s.Resource as string | string[])).map(flat)).toEqual(expected);
      // The key of the queue, through SQS only.
      const kms = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('kms:')));
      expect(kms).toHaveLength(1);
      expect(actionsOf(kms).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(flat(kms[0]?.Condition)).toContain(
        '"kms:ViaService":{"Fn::Join":["",["sqs.",{"Ref":"AWS::Region"},".",{"Ref":"AWS::URLSuffix"}]]}',
      );
    }
  });

  it('lets a queue’s consumer, and no other function, receive, delete and defer its messages', () => {
    // Prepare
    const queueArns = new Map(catalog.queues.map((q) => [logicalIdOf(queueOf(tower, q.id).queue), q]));

    for (const spec of catalog.functions) {
      // Act
      const sqs = statementsOf(tower, spec.id).filter((s) =>
        asList(s.Action).some((a) => a.startsWith('sqs:')),
      );
      const consumed = catalog.queues.filter((q) => q.consumer === spec.id);

      // Assess
      expect(sqs).toHaveLength(consumed.length);
      for (const statement of sqs) {
        const queue = [...queueArns].find(([logicalId]) => flat(statement.Resource).includes(logicalId))?.[1];
        expect(queue?.consumer).toBe(spec.id);
        // What the Lambda Developer Guide lists for an SQS event source's execution role, and nothing else.
        expect(asList(statement.Action)).toEqual([
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          ...(targetOf(spec, 'queues', 'defers') === queue?.id ? ['sqs:ChangeMessageVisibility'] : []),
        ]);
      }
    }
  });

  it('lets a function defer messages (ChangeMessageVisibility) on the queue it defers on', () => {
    const deferring = catalog.functions.filter((spec) => has(spec, 'queues', 'defers'));
    expect(deferring.map((spec) => spec.id)).toEqual(['extract']);
    for (const spec of deferring) {
      const queue = logicalIdOf(queueOf(tower, targetOf(spec, 'queues', 'defers') ?? 'intake').queue);
      const change = withAction(statementsOf(tower, spec.id), 'sqs:ChangeMessageVisibility');
      expect(change.map((s) => flat(s.Resource))).toEqual([flat({ 'Fn::GetAtt': [queue, 'Arn'] })]);
    }
  });

  it('lets only the functions that start Textract jobs pass a role, only the Textract role, only to Textract', () => {
    // Prepare
    const textractRole = { 'Fn::GetAtt': [logicalIdOf(textractOf(tower).role), 'Arn'] };

    // Act
    const passing = allStatements().filter((s) => asList(s.Action).includes('iam:PassRole'));

    // Assess
    expect(
      catalog.functions
        .filter((spec) => has(spec, 'textract', 'startExpenseAnalysis'))
        .map((spec) => spec.id),
    ).toEqual(['extract']);
    expect(passing).toHaveLength(1);
    expect(withAction(statementsOf(tower, 'extract'), 'iam:PassRole')).toEqual(passing);
    expect(passing[0]).toMatchObject({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: textractRole,
      Condition: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
    });
  });
});

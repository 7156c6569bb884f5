import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import type { TableId, TableSpec } from '../../lambdas/platform/registry/tables.ts';
import { executionArnOf } from '../../lambdas/platform/shared/execution-arn.ts';
import {
  bucketActions,
  bucketKeyActions,
  tableActions,
  tableKeyActions,
  taskResultActions,
} from './access-actions.ts';
import { acknowledge, wildcardResourceFinding } from './acknowledge.ts';
import type { TowerFunction } from './tower-function.ts';

/** The resources a function's registry entry can ask for. */
export interface GrantTargets {
  readonly tables: Readonly<Record<TableId, dynamodb.ITable>>;
  /** The catalog's tables, for their indexes. */
  readonly tableSpecs: readonly TableSpec[];
  readonly bucket: s3.IBucket;
  /** The one customer-managed key of tables and bucket. */
  readonly key: kms.IKey;
  /** Process id → its intake prefix: the `intake` bucket area. */
  readonly intakePrefixes: Readonly<Record<string, string>>;
  /** Process id → its state machine, as an ARN formatted from its name (no reference, so no cycle). */
  readonly stateMachineArns: Readonly<Record<string, string>>;
  /** The SES identities `ses:SendEmail` is authorised on: the sender (address, domain), sandbox recipients. */
  readonly senderIdentityArns: readonly string[];
  /** Textract completions queue → the role Textract assumes to report to it; passed by functions that start jobs. */
  readonly textractRoleArns: Readonly<Record<QueueId, string>>;
}

/** What a function may reach: everything of every process for a platform function, its own for a process's. */
function scoped<T>(all: Readonly<Record<string, T>>, process: string | undefined): T[] {
  if (process === undefined) return Object.values(all);
  const own = all[process];
  return own === undefined ? [] : [own];
}

/**
 * Grants a function exactly what its catalog entry asks for, no more: tables by access level, bucket
 * prefixes, the key actions those need, starting executions, task results, email, Textract, passing
 * Textract its notification role. A process's own function reaches only its process's part (intake
 * prefix, `results/<process>/`, state machine). Queue access comes from the event source of the queue
 * it consumes (the catalog checks that a deferring function consumes its queue).
 */
export function grantFromSpec(target: TowerFunction, to: GrantTargets): void {
  const { spec, role } = target;
  const process = spec.process;
  const stateMachineArns = scoped(to.stateMachineArns, process);
  const keyActions = new Set<string>();
  const add = (actions: readonly string[], resources: readonly string[]) =>
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [...resources] }));

  for (const [id, access] of Object.entries(spec.tables) as [
    TableId,
    NonNullable<(typeof spec.tables)[TableId]>,
  ][]) {
    const table = to.tables[id];
    const tableSpec = to.tableSpecs.find((t) => t.id === id);
    if (!table || !tableSpec) throw new Error(`grantFromSpec ${spec.id}: no table ${id}`);
    // Indexes by name, not `index/*`: the registry knows them all; only a Query reaches them.
    const indexes = access.includes('query')
      ? (tableSpec.indexes ?? []).map((index) => `${table.tableArn}/index/${index.name}`)
      : [];
    add(tableActions(access), [table.tableArn, ...indexes]);
    for (const action of tableKeyActions(access)) keyActions.add(action);
  }

  for (const grant of spec.bucket ?? []) {
    const prefixes =
      grant.area === 'intake'
        ? scoped(to.intakePrefixes, process)
        : [process === undefined ? grant.area : `${grant.area}${process}/`];
    const resources = prefixes.map((prefix) => to.bucket.arnForObjects(`${prefix}*`));
    add(
      grant.access.flatMap((access) => bucketActions[access]),
      resources,
    );
    for (const access of grant.access) for (const action of bucketKeyActions[access]) keyActions.add(action);
    if (grant.access.includes('list'))
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [to.bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } },
        }),
      );
    for (const resource of resources)
      acknowledge(
        role,
        wildcardResourceFinding(role, resource),
        `Objects under one prefix of the data bucket (${grant.area}); their keys are only known at run time`,
      );
  }

  if (keyActions.size > 0) add([...keyActions].sort(), [to.key.keyArn]);
  if (spec.startsExecutions) add(['states:StartExecution'], stateMachineArns);
  // SendTask* support no resource-level permissions (Service Authorization Reference, "Actions, resources,
  // and condition keys for AWS Step Functions"): a statement on state machine ARNs never matches.
  if (spec.sendsTaskResults?.length)
    add(
      spec.sendsTaskResults.map((result) => taskResultActions[result]),
      ['*'],
    );
  // Executions of the process state machines: arn:…:execution:<state machine name>:<execution name>.
  if (spec.describesExecutions) {
    const executions = stateMachineArns.map((arn) => executionArnOf(arn, '*'));
    add(['states:DescribeExecution'], executions);
    for (const resource of executions)
      acknowledge(
        role,
        wildcardResourceFinding(role, resource),
        'Executions of one process state machine; their names are derived from document ids only known at run time',
      );
  }
  if (spec.sendsEmail) add(['ses:SendEmail'], to.senderIdentityArns);
  // Textract has no resource-level permissions; TowerFunction acknowledges Resource::* on the role.
  if (spec.textract?.length) add(spec.textract, ['*']);
  const textractRole =
    spec.startsTextractJobs === undefined ? undefined : to.textractRoleArns[spec.startsTextractJobs];
  if (spec.startsTextractJobs !== undefined && !textractRole)
    throw new Error(`grantFromSpec ${spec.id}: no Textract role for ${spec.startsTextractJobs}`);
  if (textractRole)
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [textractRole],
        conditions: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
      }),
    );
}

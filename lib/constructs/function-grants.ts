import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { queues as queueSpecs } from '../../lambdas/platform/registry/queues.ts';
import type { TableId } from '../../lambdas/platform/registry/tables.ts';
import { tables as tableSpecs } from '../../lambdas/platform/registry/tables.ts';
import {
  bucketActions,
  bucketKeyActions,
  tableActions,
  tableKeyActions,
  taskResponseActions,
} from './access-actions.ts';
import { acknowledge, wildcardResourceFinding } from './acknowledge.ts';
import type { TowerFunction } from './tower-function.ts';

/** The resources a function's registry entry can ask for. */
export interface GrantTargets {
  readonly tables: Readonly<Record<TableId, dynamodb.ITable>>;
  readonly bucket: s3.IBucket;
  /** The one customer-managed key of tables and bucket. */
  readonly key: kms.IKey;
  /** Every process's intake prefix: the `intake` bucket area. */
  readonly intakePrefixes: readonly string[];
  /** The process state machines, as ARNs formatted from their names (no reference, so no cycle). */
  readonly stateMachineArns: readonly string[];
  /** The SES identities the sender address may be verified as (address and domain). */
  readonly senderIdentityArns: readonly string[];
  /** The role Textract assumes to report job completions; passed by functions that start jobs. */
  readonly textractRoleArn: string;
}

/**
 * Grants a function exactly what its registry entry asks for, no more: tables by access level, bucket
 * prefixes, the key actions those need, starting executions, task results, email, Textract, passing
 * Textract its notification role. Queue access comes from the event source of the queue it consumes.
 */
export function grantFromSpec(target: TowerFunction, to: GrantTargets): void {
  const { spec, role } = target;
  // Deferring changes a message's visibility, which only the queue's consumer is granted.
  if (spec.defersOn && queueSpecs[spec.defersOn].consumer !== spec.id)
    throw new Error(
      `grantFromSpec ${spec.id}: defers on queue ${spec.defersOn}, whose consumer is ${queueSpecs[spec.defersOn].consumer}`,
    );
  const keyActions = new Set<string>();
  const add = (actions: readonly string[], resources: readonly string[]) =>
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...actions], resources: [...resources] }));

  for (const [id, access] of Object.entries(spec.tables) as [
    TableId,
    NonNullable<(typeof spec.tables)[TableId]>,
  ][]) {
    const table = to.tables[id];
    const reads = access === 'read' || access === 'readwrite';
    // Indexes by name, not `index/*`: the registry knows them all.
    const indexes = reads
      ? (tableSpecs[id].indexes ?? []).map((index) => `${table.tableArn}/index/${index.name}`)
      : [];
    add(tableActions[access], [table.tableArn, ...indexes]);
    for (const action of tableKeyActions[access]) keyActions.add(action);
  }

  for (const grant of spec.bucket ?? []) {
    const prefixes = grant.area === 'intake' ? to.intakePrefixes : [grant.area];
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
  if (spec.startsExecutions) add(['states:StartExecution'], to.stateMachineArns);
  if (spec.sendsTaskResults) add(taskResponseActions, to.stateMachineArns);
  // Executions of the process state machines: arn:…:execution:<state machine name>:<execution name>.
  if (spec.describesExecutions) {
    const executions = to.stateMachineArns.map((arn) => `${arn.replace(':stateMachine:', ':execution:')}:*`);
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
  if (spec.startsTextractJobs)
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [to.textractRoleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
      }),
    );
}

import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  type OperatorCall,
  type OperatorResource,
  operatorCalls,
} from '../../lambdas/platform/registry/operator-calls.ts';
import { acknowledge, wildcardResourceFinding } from './acknowledge.ts';

export interface OperatorPolicyProps {
  readonly documentsTable: dynamodb.ITable;
  /** The documents table's index the `documents` command queries. */
  readonly statusIndexName: string;
  readonly auditTable: dynamodb.ITable;
  readonly queues: readonly sqs.IQueue[];
  readonly deadLetterQueues: readonly sqs.IQueue[];
  /** Names, not references: execution ARNs are built from them. */
  readonly stateMachineNames: readonly string[];
  readonly encryptionKey: kms.IKey;
}

/**
 * The managed policy an operator's role or user needs for every `tower --stack` command, least
 * privilege: built from the one list of the CLI's calls (operator-calls.ts), each action on exactly
 * the resources it acts on, the key only through the service that uses it.
 */
export class OperatorPolicy extends Construct {
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: OperatorPolicyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const states = (resource: string, name: string) =>
      stack.formatArn({
        service: 'states',
        resource,
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    const resources: Record<Exclude<OperatorResource, 'key'>, string[]> = {
      stack: [
        stack.formatArn({
          service: 'cloudformation',
          resource: 'stack',
          resourceName: `${stack.stackName}/*`,
        }),
      ],
      'documents-table': [props.documentsTable.tableArn],
      'documents-by-status': [`${props.documentsTable.tableArn}/index/${props.statusIndexName}`],
      'audit-table': [props.auditTable.tableArn],
      queues: props.queues.map((q) => q.queueArn),
      'dead-letter-queues': props.deadLetterQueues.map((q) => q.queueArn),
      'state-machines': props.stateMachineNames.map((n) => states('stateMachine', n)),
      executions: props.stateMachineNames.map((n) => states('execution', `${n}:*`)),
    };
    const calls = Object.values(operatorCalls).flat();
    const statements: iam.PolicyStatement[] = [];
    for (const on of Object.keys(resources) as (keyof typeof resources)[]) {
      const actions = actionsOf(calls.filter((c) => c.on === on));
      if (actions.length > 0) statements.push(new iam.PolicyStatement({ actions, resources: resources[on] }));
    }
    for (const via of ['dynamodb', 'sqs'] as const) {
      const actions = actionsOf(calls.filter((c) => c.on === 'key' && c.via === via));
      if (actions.length > 0)
        statements.push(
          new iam.PolicyStatement({
            actions,
            resources: [props.encryptionKey.keyArn],
            conditions: { StringEquals: { 'kms:ViaService': `${via}.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
          }),
        );
    }
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      // No fixed name: IAM names are account-wide, and a stage may be deployed in several regions.
      description: 'What the Tower operator CLI (npm run tower -- <command> --stack) calls, and nothing else',
      statements,
    });
    this.policy = policy;
    for (const resource of [...resources.stack, ...resources.executions])
      acknowledge(
        policy,
        wildcardResourceFinding(policy, resource),
        resource === resources.stack[0]
          ? "A stack ARN ends in its id, unknown before it exists: the stack's name with any id"
          : "Executions are named at run time: this process's state machine's executions, no other's",
      );
  }
}

const actionsOf = (calls: readonly OperatorCall[]): string[] =>
  [...new Set(calls.map((c) => c.action))].sort();

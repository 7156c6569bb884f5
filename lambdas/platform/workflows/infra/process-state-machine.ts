import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '../../../../lib/constructs/acknowledge.ts';
import {
  definitionPath,
  partitionPlaceholder,
  placeholdersIn,
  readDefinition,
} from '../../../../statemachines/definition.ts';
import type { Catalog } from '../../registry/catalog.ts';
import type { FunctionId } from '../../registry/functions.ts';
import type { ProcessSpec } from '../../registry/process-spec.ts';
import type { QueueId } from '../../registry/queues.ts';

export interface ProcessStateMachineProps {
  readonly process: ProcessSpec;
  /** Resolves the process's placeholders with the platform's. */
  readonly catalog: Catalog;
  /** Explicit, so grants can name the ARN without referencing the state machine. */
  readonly stateMachineName: string;
  /** Every function the process's function placeholders name. */
  readonly functions: Readonly<Partial<Record<FunctionId, lambda.IFunction>>>;
  /** Every queue the process's queue placeholders name (`sqs:sendMessage` tasks). @default {} */
  readonly queues?: Readonly<Partial<Record<QueueId, sqs.IQueue>>>;
  /** Encrypts the execution log group. */
  readonly encryptionKey: kms.IKey;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One process's Standard state machine, from its ASL file with every `${Placeholder}` replaced by a
 * function ARN, a queue URL or (`${Partition}`, in service-integration ARNs) the stack's partition. Logs every event but never execution data (invoices are personal data);
 * X-Ray on. Its role may invoke exactly those functions and send to exactly those queues.
 */
export class ProcessStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ProcessStateMachineProps) {
    super(scope, id);
    const { process } = props;
    const { functions, queues } = resolvePlaceholders(
      process,
      props.catalog.placeholdersOf(process),
      props.functions,
      props.queues ?? {},
    );
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;
    const usesPartition = placeholdersIn(readDefinition(process)).includes(partitionPlaceholder);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch Logs resource policies small.
      logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(definitionPath(process)),
      definitionSubstitutions: Object.fromEntries([
        ...(usesPartition ? [[partitionPlaceholder, Aws.PARTITION]] : []),
        ...functions.map(([name, fn]) => [name, fn.functionArn]),
        ...queues.map(([name, queue]) => [name, queue.queueUrl]),
      ]),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      removalPolicy,
    });
    // A definition from a file is opaque to CDK, so its task permissions are granted here.
    this.grantTasks(unique(functions.map(([, fn]) => fn)), unique(queues.map(([, queue]) => queue)));
    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Log delivery (logs:CreateLogDelivery and friends) and X-Ray tracing actions support no resource-level permissions',
    );
  }

  /** Invoke on the functions; send (not receive, not purge) on the queues, with their keys through SQS only. */
  private grantTasks(invoked: readonly lambda.IFunction[], sentTo: readonly sqs.IQueue[]): void {
    const add = (statement: iam.PolicyStatement) => this.stateMachine.addToRolePolicy(statement);
    if (invoked.length > 0)
      add(
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: invoked.map((fn) => fn.functionArn),
        }),
      );
    if (sentTo.length === 0) return;
    add(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: sentTo.map((q) => q.queueArn) }));
    const keys = unique(sentTo.flatMap((q) => (q.encryptionMasterKey ? [q.encryptionMasterKey] : [])));
    if (keys.length > 0)
      add(
        new iam.PolicyStatement({
          // What a producer needs of an SSE-KMS queue's key.
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: keys.map((key) => key.keyArn),
          conditions: { StringEquals: { 'kms:ViaService': `sqs.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
        }),
      );
  }
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

type Resolved<T> = [string, T][];

/** Each placeholder of the ASL with its function or queue; one that maps to neither is a build error. */
function resolvePlaceholders(
  process: ProcessSpec,
  placeholders: ReturnType<Catalog['placeholdersOf']>,
  functions: ProcessStateMachineProps['functions'],
  queues: NonNullable<ProcessStateMachineProps['queues']>,
): { functions: Resolved<lambda.IFunction>; queues: Resolved<sqs.IQueue> } {
  const where = `ProcessStateMachine ${process.id}`;
  const names = placeholdersIn(readDefinition(process)).filter((n) => n !== partitionPlaceholder);
  const both = names.filter((n) => placeholders.functions[n] && placeholders.queues[n]);
  if (both.length > 0)
    throw new Error(
      `${where}: ${both.map((n) => `\${${n}}`).join(', ')} is mapped to a function and a queue`,
    );
  const unmapped = names.filter(
    (name) => placeholders.functions[name] === undefined && placeholders.queues[name] === undefined,
  );
  if (unmapped.length > 0)
    throw new Error(
      `${where}: ${process.definitionPath} uses ${unmapped.map((n) => `\${${n}}`).join(', ')}, which neither functionPlaceholders nor queuePlaceholders maps`,
    );
  const lookup = <Id extends string, T>(
    kind: string,
    placeholders: Readonly<Record<string, Id>>,
    given: Readonly<Partial<Record<Id, T>>>,
  ): Resolved<T> => {
    const wanted = names.flatMap((name) => {
      const target = placeholders[name];
      return target === undefined ? [] : [{ name, target, value: given[target] }];
    });
    const absent = unique(wanted.filter((w) => w.value === undefined).map((w) => w.target));
    if (absent.length > 0) throw new Error(`${where}: ${kind} ${absent.join(', ')} were not given`);
    return wanted.flatMap(({ name, value }) => (value === undefined ? [] : [[name, value] as [string, T]]));
  };
  return {
    functions: lookup('functions', placeholders.functions, functions),
    queues: lookup('queues', placeholders.queues, queues),
  };
}

import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionId } from '../../lambdas/registry/functions.ts';
import { definitionPath, placeholdersIn, readDefinition } from '../../statemachines/definition.ts';
import type { ProcessSpec } from '../../statemachines/processes.ts';
import { acknowledge } from './acknowledge.ts';

export interface ProcessStateMachineProps {
  readonly process: ProcessSpec;
  /** Explicit, so grants can name the ARN without referencing the state machine. */
  readonly stateMachineName: string;
  /** Every function the process's placeholders name. */
  readonly functions: Readonly<Partial<Record<FunctionId, lambda.IFunction>>>;
  /** Encrypts the execution log group. */
  readonly encryptionKey: kms.IKey;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One process's Standard state machine, from its ASL file with every `${Placeholder}` replaced by a
 * function ARN. Logs every event but never execution data (invoices are personal data); X-Ray on.
 */
export class ProcessStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ProcessStateMachineProps) {
    super(scope, id);
    const { process } = props;
    const substitutions = resolvePlaceholders(process, props.functions);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;

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
      definitionSubstitutions: Object.fromEntries(substitutions.map(([name, fn]) => [name, fn.functionArn])),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      removalPolicy,
    });
    // A definition from a file is opaque to CDK, so the invoke permissions are granted here.
    const invoked = [...new Set(substitutions.map(([, fn]) => fn))];
    this.stateMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: invoked.map((fn) => fn.functionArn),
      }),
    );
    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Log delivery (logs:CreateLogDelivery and friends) and X-Ray tracing actions support no resource-level permissions',
    );
  }
}

/** Each placeholder of the ASL with its function; a placeholder without one is a build error. */
function resolvePlaceholders(
  process: ProcessSpec,
  functions: ProcessStateMachineProps['functions'],
): [string, lambda.IFunction][] {
  const names = placeholdersIn(readDefinition(process));
  const unmapped = names.filter((name) => process.functionPlaceholders[name] === undefined);
  if (unmapped.length > 0)
    throw new Error(
      `ProcessStateMachine ${process.id}: ${process.definitionFile} uses ${unmapped.map((n) => `\${${n}}`).join(', ')}, which functionPlaceholders does not map`,
    );
  const resolved = names.map((name) => {
    const functionId = process.functionPlaceholders[name] as FunctionId;
    return { name, functionId, fn: functions[functionId] };
  });
  const absent = [...new Set(resolved.filter((r) => r.fn === undefined).map((r) => r.functionId))];
  if (absent.length > 0)
    throw new Error(`ProcessStateMachine ${process.id}: functions ${absent.join(', ')} were not given`);
  return resolved.flatMap(({ name, fn }) => (fn ? [[name, fn] as [string, lambda.IFunction]] : []));
}

import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface ExecutionEndedRuleProps {
  /** The process state machines whose executions are watched. */
  readonly stateMachines: readonly sfn.IStateMachine[];
  /** The function that settles what an ended execution left open. */
  readonly handler: lambda.IFunction;
}

/**
 * Routes Step Functions' "execution status change" events for executions that stopped, timed out or
 * failed outside the workflow's own Catch to the `execution-ended` function: a stopped execution's
 * approval links are revoked and its document never stays in a non-terminal status.
 */
export class ExecutionEndedRule extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ExecutionEndedRuleProps) {
    super(scope, id);
    if (props.stateMachines.length === 0)
      throw new Error('ExecutionEndedRule: at least one state machine is required');
    this.rule = new events.Rule(this, 'Rule', {
      description:
        'Settles documents and revokes approval links when an execution is stopped, times out or fails',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['ABORTED', 'TIMED_OUT', 'FAILED'],
          stateMachineArn: props.stateMachines.map((m) => m.stateMachineArn),
        },
      },
      targets: [
        new targets.LambdaFunction(props.handler, { retryAttempts: 10, maxEventAge: Duration.hours(24) }),
      ],
    });
  }
}

import type { TowerConfig } from '../../lib/config/index.ts';

/** One SQS event source mapping of the template: its consumer and how many instances it may drive at once. */
export interface QueueConsumer {
  /** The consuming function, by its catalog id where known (else its logical id). */
  readonly consumer: string;
  readonly maximumConcurrency: number;
}

/**
 * What a deploy of this checkout would ask of the account, read from the synthesized template and
 * cloud assembly (as `cdk deploy` would send them) and from the parsed configuration.
 */
export interface DeploymentPlan {
  readonly stackName: string;
  readonly config: TowerConfig;
  readonly queueConsumers: readonly QueueConsumer[];
  /** Functions with reserved concurrency (ReservedConcurrentExecutions), by name. */
  readonly reservedConcurrency: Readonly<Record<string, number>>;
  /** Every function of the template (CDK's own providers included): each needs at least one instance. */
  readonly functionCount: number;
  readonly apiGateway: {
    /** The template sets the region's API Gateway CloudWatch role itself (AWS::ApiGateway::Account). */
    readonly setsAccountRole: boolean;
    /** A stage logs executions or access, which needs that role. */
    readonly logs: boolean;
  };
  /** Some role is granted ses:SendEmail on configuration sets (needed when the sender's identity has a default set). */
  readonly sendsThroughConfigurationSets: boolean;
  readonly bootstrap: {
    /** The SSM parameter holding the bootstrap stack's version. */
    readonly versionParameter: string;
    readonly requiredVersion: number;
  };
}

/** Every approver and escalation approver of the configured processes, once each, sorted. */
export function approversOf(config: TowerConfig): string[] {
  return [
    ...new Set(
      Object.values(config.processes).flatMap((p) => [
        ...p.approval.approvers,
        ...p.approval.escalationApprovers,
      ]),
    ),
  ].sort();
}

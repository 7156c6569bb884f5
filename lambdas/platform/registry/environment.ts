import type { ProcessSpec } from '../../../statemachines/processes.ts';
import type { ApprovalPolicy } from '../human-step/policy.ts';
import { baseEnvironment } from './bundling.ts';
import type { FunctionSpec } from './functions.ts';
import { envVars } from './functions.ts';
import type { QueueId, TextractRates } from './queues.ts';
import { type TableId, tables as tableSpecs } from './tables.ts';

/** The deployed values a function's environment can carry (tokens on AWS, plain strings in tests). */
export interface EnvironmentValues {
  readonly tableNames: Readonly<Record<TableId, string>>;
  readonly bucketName: string;
  /** JSON of process id → state machine ARN. */
  readonly stateMachinesJson: string;
  /** JSON of process id → workflow version. */
  readonly workflowVersionsJson: string;
  readonly senderAddress: string;
  readonly processes: readonly ProcessSpec[];
  readonly approvalPolicies: Readonly<Record<string, ApprovalPolicy>>;
  /** The Textract completion topic and the role Textract assumes to publish to it. */
  readonly textractTopicArn: string;
  readonly textractRoleArn: string;
  readonly textractRates: TextractRates;
  readonly queueUrls: Readonly<Record<QueueId, string>>;
}

/**
 * A function's environment, from its registry entry: the base variables, one per table it uses, and
 * each optional variable it asks for. `APPROVAL_BASE_URL` is added once the API exists.
 */
export function functionEnvironment(spec: FunctionSpec, values: EnvironmentValues): Record<string, string> {
  const env: Record<string, string> = { ...baseEnvironment(spec.id) };
  for (const id of Object.keys(spec.tables) as TableId[]) env[tableSpecs[id].envVar] = values.tableNames[id];
  if (spec.bucket?.length) env[envVars.bucket] = values.bucketName;
  if (spec.startsExecutions) {
    env[envVars.stateMachines] = values.stateMachinesJson;
    env[envVars.workflowVersions] = values.workflowVersionsJson;
  }
  if (spec.sendsEmail) env[envVars.sender] = values.senderAddress;
  if (spec.needsApprovalPolicy) env[envVars.approvalPolicy] = JSON.stringify(policyFor(spec, values));
  if (spec.startsTextractJobs) {
    env[envVars.textractTopic] = values.textractTopicArn;
    env[envVars.textractRole] = values.textractRoleArn;
  }
  if (spec.needsTextractRates) env[envVars.textractRates] = JSON.stringify(values.textractRates);
  if (spec.defersOn) env[envVars.queueUrl] = values.queueUrls[spec.defersOn];
  return env;
}

/** The approval policy of the processes that run this function; they must agree, one variable holds it. */
function policyFor(spec: FunctionSpec, values: EnvironmentValues): ApprovalPolicy {
  const users = values.processes.filter((p) => Object.values(p.functionPlaceholders).includes(spec.id));
  const policies = [...new Set(users.map((p) => JSON.stringify(values.approvalPolicies[p.id])))];
  const [only] = policies;
  if (policies.length !== 1 || only === undefined)
    throw new Error(
      `${spec.id} needs one approval policy, but the processes running it (${users.map((p) => p.id).join(', ') || 'none'}) give ${policies.length}`,
    );
  return JSON.parse(only) as ApprovalPolicy;
}

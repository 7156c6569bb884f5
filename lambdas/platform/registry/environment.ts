import type { ActiveContentPolicy } from '../extraction/active-content.ts';
import type { ApprovalPolicy } from '../human-step/policy.ts';
import { baseEnvironment } from './bundling.ts';
import type { CatalogFunction } from './catalog.ts';
import { envVars } from './names.ts';
import type { QueueId, TextractRates } from './queues.ts';
import type { TableId, TableSpec } from './tables.ts';

/** The deployed values a function's environment can carry (tokens on AWS, plain strings locally). */
export interface EnvironmentValues {
  readonly tableNames: Readonly<Record<TableId, string>>;
  /** Every table of the catalog, for each one's environment variable. */
  readonly tables: readonly TableSpec[];
  readonly bucketName: string;
  /** JSON of process id → state machine ARN. */
  readonly stateMachinesJson: string;
  /** JSON of process id → workflow version. */
  readonly workflowVersionsJson: string;
  /** Process id → intake prefix. */
  readonly intakePrefixes: Readonly<Record<string, string>>;
  readonly senderAddress: string;
  /** Human-step policy id (a process id) → its validated policy. */
  readonly approvalPolicies: Readonly<Record<string, ApprovalPolicy>>;
  /** Process id → its validated rule parameters. */
  readonly ruleParameters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Textract completions queue → the topic Textract publishes to for it, and the role it assumes. */
  readonly textractTopics: Readonly<Record<QueueId, { readonly topicArn: string; readonly roleArn: string }>>;
  readonly textractRates: TextractRates;
  readonly queueUrls: Readonly<Record<QueueId, string>>;
  /** Process id → what a PDF with active content gets. @default 'review' for every process */
  readonly activeContentPolicies?: Readonly<Record<string, ActiveContentPolicy>>;
}

/**
 * A function's environment, from its catalog entry: the base variables, one per table it uses, and
 * each optional variable it asks for. `APPROVAL_BASE_URL` is added once the API exists.
 */
export function functionEnvironment(
  spec: CatalogFunction,
  values: EnvironmentValues,
): Record<string, string> {
  const env: Record<string, string> = { ...baseEnvironment(spec.id) };
  for (const id of Object.keys(spec.tables)) {
    const table = values.tables.find((t) => t.id === id);
    const name = values.tableNames[id];
    if (!table || name === undefined) throw new Error(`${spec.id} uses table ${id}, which has no name`);
    env[table.envVar] = name;
  }
  if (spec.bucket?.length) env[envVars.bucket] = values.bucketName;
  if (spec.startsExecutions) {
    env[envVars.stateMachines] = values.stateMachinesJson;
    env[envVars.workflowVersions] = values.workflowVersionsJson;
    env[envVars.intakePrefixes] = JSON.stringify(values.intakePrefixes);
  }
  if (spec.sendsEmail) env[envVars.sender] = values.senderAddress;
  if (spec.needsApprovalPolicies) env[envVars.approvalPolicies] = JSON.stringify(values.approvalPolicies);
  if (spec.needsRuleParameters) {
    const parameters = spec.process === undefined ? undefined : values.ruleParameters[spec.process];
    if (parameters === undefined)
      throw new Error(`${spec.id} needs rule parameters, but its process has none`);
    env[envVars.ruleParameters] = JSON.stringify(parameters);
  }
  if (spec.startsTextractJobs !== undefined) {
    const topic = values.textractTopics[spec.startsTextractJobs];
    if (!topic) throw new Error(`${spec.id}: no Textract topic feeds ${spec.startsTextractJobs}`);
    env[envVars.textractTopic] = topic.topicArn;
    env[envVars.textractRole] = topic.roleArn;
  }
  if (spec.inspectsDocuments)
    env[envVars.activeContentPolicy] =
      (spec.process === undefined ? undefined : values.activeContentPolicies?.[spec.process]) ?? 'review';
  if (spec.needsTextractRates) env[envVars.textractRates] = JSON.stringify(values.textractRates);
  if (spec.defersOn) {
    const url = values.queueUrls[spec.defersOn];
    if (url === undefined) throw new Error(`${spec.id}: queue ${spec.defersOn} has no URL`);
    env[envVars.queueUrl] = url;
  }
  return env;
}

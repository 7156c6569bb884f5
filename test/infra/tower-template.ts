import { readFileSync } from 'node:fs';
import { App, type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ApprovalApi } from '../../lambdas/platform/human-step/infra/approval-api.ts';
import type { WorkQueue } from '../../lambdas/platform/queues/infra/work-queue.ts';
import type { FunctionId } from '../../lambdas/platform/registry/functions.ts';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import type { QueueId } from '../../lambdas/platform/registry/queues.ts';
import { TextractNotifications } from '../../lambdas/platform/textract/infra/textract-notifications.ts';
import { processes as registeredProcesses } from '../../lambdas/processes/index.ts';
import { parseConfig, type TowerConfig } from '../../lib/config/index.ts';
import { pascal } from '../../lib/constructs/names.ts';
import type { TowerFunction } from '../../lib/constructs/tower-function.ts';
import { TowerStack } from '../../lib/tower-stack.ts';

/** A whole-stack synth with cdk-nag takes seconds, more on a busy machine: past vitest's default hook timeout. */
export const synthTimeout = 120_000;

/** The context `cdk synth` sees: cdk.json's defaults under the test's overrides. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/** Addresses a staging or prod synth accepts (not at an example domain) for the sender and each process's approvers. */
export function verifiedAddresses(
  processes: readonly ProcessSpec[] = registeredProcesses,
): Record<string, unknown> {
  const approval = { approvers: ['approver@acme.test'] };
  return {
    senderAddress: 'tower@acme.test',
    processes: Object.fromEntries(processes.map((p) => [p.id, { approval }])),
  };
}

export interface SynthesizedTower {
  readonly app: App;
  readonly stack: TowerStack;
  readonly config: TowerConfig;
  readonly template: Template;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/**
 * Builds the app as bin/app.ts does (context → parseConfig → TowerStack → cdk-nag), with bundling
 * skipped, and synthesizes it once: cdk-nag errors fail here, as they fail `cdk synth`.
 */
export function synthTower(
  context: Record<string, unknown> = {},
  outdir?: string,
  processes: readonly ProcessSpec[] = registeredProcesses,
): SynthesizedTower {
  const app = new App({
    context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] },
    ...(outdir ? { outdir } : {}),
  });
  const config = parseConfig(app.node.getAllContext(), processes);
  const stack = new TowerStack(app, `Tower-${config.stage}`, { config, processes });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);
  const resources = (template.toJSON() as { Resources: Record<string, CfnResourceJson> }).Resources;
  return { app, stack, config, template, resources };
}

/** The logical id of a construct's CloudFormation resource. */
export function logicalIdOf(construct: IConstruct): string {
  const child = (construct.node.defaultChild ?? construct) as CfnElement;
  return (child.stack as Stack).getLogicalId(child);
}

/** Every statement of the policies attached to a role, by the role's logical id. */
export function statementsOfRole(tower: SynthesizedTower, roleLogicalId: string): Statement[] {
  return Object.values(tower.resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => JSON.stringify(r.Properties?.Roles).includes(`"${roleLogicalId}"`))
    .flatMap(policyStatements);
}

/** The statements of an AWS::IAM::Policy resource. */
export function policyStatements(resource: CfnResourceJson): Statement[] {
  return (resource.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? [];
}

/** A deployed function by catalog id; a missing one fails the test that asked. */
export function functionOf(tower: SynthesizedTower, id: FunctionId): TowerFunction {
  const fn = tower.stack.platform.parts.functions[id];
  if (!fn) throw new Error(`no function ${id} in the stack`);
  return fn;
}

/** A deployed queue by catalog id. */
export function queueOf(tower: SynthesizedTower, id: QueueId): WorkQueue {
  const queue = tower.stack.platform.parts.queues[id];
  if (!queue) throw new Error(`no queue ${id} in the stack`);
  return queue;
}

/** The Textract notifications of a completions queue. */
export function textractOf(
  tower: SynthesizedTower,
  queueId: QueueId = 'extraction-completions',
): TextractNotifications {
  // The first completions queue's notifications keep the construct id they had when there was one.
  const first = tower.stack.platform.catalog.queues.find((q) => q.textractCompletions)?.id;
  const id = queueId === first ? 'TextractNotifications' : `${pascal(queueId)}Textract`;
  const found = tower.stack.platform.node.tryFindChild(id);
  if (!(found instanceof TextractNotifications))
    throw new Error(`no Textract notifications for ${queueId} in the stack`);
  return found;
}

/** The approval API the human step built. */
export function approvalApiOf(tower: SynthesizedTower): ApprovalApi {
  const found = tower.stack.platform.node.tryFindChild('ApprovalApi');
  if (!(found instanceof ApprovalApi)) throw new Error('no approval API in the stack');
  return found;
}

/** Every statement a function's role is granted. */
export function statementsOf(tower: SynthesizedTower, id: FunctionId): Statement[] {
  return statementsOfRole(tower, logicalIdOf(functionOf(tower, id).role));
}

export const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** `{ 'Fn::GetAtt': [logicalId, 'Arn'] }` of a construct, as the template references its ARN. */
export const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });

/** `{ Ref: logicalId }` of a construct. */
export const refOf = (construct: IConstruct) => ({ Ref: logicalIdOf(construct) });

/** The template's expression of the stack instance (the last 12 hex digits of AWS::StackId). */
export const stackInstance = {
  'Fn::Select': [
    4,
    { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] },
  ],
};

/**
 * A template string value as text: an `Fn::Join` joined, the stack instance as `<stack>`, any other
 * reference as `<ref>`; a plain string as it is.
 */
export function joined(value: unknown): string {
  if (typeof value === 'string') return value;
  if (flat(value) === flat(stackInstance)) return '<stack>';
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  return join ? join[1].map(joined).join(join[0]) : '<ref>';
}

/** A template value with references flattened, for matching ARNs in assertions. */
export function flat(value: unknown): string {
  return JSON.stringify(value);
}

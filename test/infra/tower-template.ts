import { readFileSync } from 'node:fs';
import { App, type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { FunctionId } from '../../lambdas/platform/registry/functions.ts';
import { parseConfig, type TowerConfig } from '../../lib/config/index.ts';
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
export function synthTower(context: Record<string, unknown> = {}, outdir?: string): SynthesizedTower {
  const app = new App({
    context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] },
    ...(outdir ? { outdir } : {}),
  });
  const config = parseConfig(app.node.getAllContext());
  const stack = new TowerStack(app, `Tower-${config.stage}`, { config });
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

/** Every statement a function's role is granted. */
export function statementsOf(tower: SynthesizedTower, id: FunctionId): Statement[] {
  return statementsOfRole(tower, logicalIdOf(tower.stack.functions[id].role));
}

export const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

/** `{ 'Fn::GetAtt': [logicalId, 'Arn'] }` of a construct, as the template references its ARN. */
export const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [logicalIdOf(construct), 'Arn'] });

/** `{ Ref: logicalId }` of a construct. */
export const refOf = (construct: IConstruct) => ({ Ref: logicalIdOf(construct) });

/** A template value with references flattened, for matching ARNs in assertions. */
export function flat(value: unknown): string {
  return JSON.stringify(value);
}

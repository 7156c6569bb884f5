import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { processes } from '../../lambdas/processes/index.ts';
import { parseConfig } from '../../lib/config/index.ts';
import { TowerStack } from '../../lib/tower-stack.ts';
import type { DeploymentPlan } from './plan.ts';
import { type BootstrapRequirement, planFromTemplate, type TemplateResource } from './template-plan.ts';

function logicalIdOf(construct: IConstruct): string {
  const child = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

const requirementOf = (properties: unknown): BootstrapRequirement => {
  const p = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<
    string,
    unknown
  >;
  return {
    ...(typeof p.requiresBootstrapStackVersion === 'number'
      ? { requiresBootstrapStackVersion: p.requiresBootstrapStackVersion }
      : {}),
    ...(typeof p.bootstrapStackVersionSsmParameter === 'string'
      ? { bootstrapStackVersionSsmParameter: p.bootstrapStackVersionSsmParameter }
      : {}),
  };
};

/**
 * Synthesizes the stack as `cdk synth` does for bin/app.ts (context → parseConfig → TowerStack), with
 * asset bundling skipped (it changes no resource the checks read), and reads the plan from it. A
 * configuration synth refuses throws its TowerConfigError.
 */
export function synthesizePlan(context: Record<string, unknown>): DeploymentPlan {
  const outdir = mkdtempSync(join(tmpdir(), 'tower-preflight-'));
  try {
    const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] }, outdir });
    const config = parseConfig(app.node.getAllContext(), processes);
    const stack = new TowerStack(app, `Tower-${config.stage}`, { config, processes });
    const functionNames = Object.fromEntries(
      Object.entries(stack.platform.parts.functions).map(([id, f]) => [logicalIdOf(f.function), id]),
    );
    const artifact = app.synth().getStackByName(stack.stackName);
    const template = artifact.template as { Resources?: Record<string, TemplateResource> };
    return planFromTemplate(
      {
        stackName: stack.stackName,
        resources: template.Resources ?? {},
        bootstrapRequirements: [
          requirementOf(artifact.manifest.properties),
          ...artifact.dependencies.map((d) => requirementOf(d.manifest.properties)),
        ],
        functionNames,
      },
      config,
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

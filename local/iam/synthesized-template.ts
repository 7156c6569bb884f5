import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { parseConfig } from '../../lib/config/index.ts';
import { TowerStack } from '../../lib/tower-stack.ts';
import type { SynthesizedTemplate, TemplateResource } from './template.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function logicalIdOf(construct: IConstruct): string {
  const child = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(child).getLogicalId(child);
}

/** The resource a `Ref` or `Fn::GetAtt` token names (a capability's provided ARN); none for other values. */
function logicalIdOfToken(stack: Stack, token: string): string | undefined {
  const resolved = stack.resolve(token) as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | string;
  if (typeof resolved !== 'object' || resolved === null) return undefined;
  return resolved.Ref ?? resolved['Fn::GetAtt']?.[0];
}

/** The same synth `cdk synth` runs (bin/app.ts: context → parseConfig → TowerStack), bundling skipped. */
function synthesize(
  context: Record<string, unknown>,
  processes: readonly ProcessSpec[],
): SynthesizedTemplate {
  const outdir = mkdtempSync(join(tmpdir(), 'tower-iam-synth-'));
  try {
    const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] }, outdir });
    const config = parseConfig(app.node.getAllContext(), processes);
    const stack = new TowerStack(app, `Tower-${config.stage}`, { config, processes });
    const { platform } = stack;
    const { parts } = platform;
    const template = app.synth().getStackByName(stack.stackName).template as {
      Resources: Record<string, TemplateResource>;
    };
    const map = <T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U) =>
      Object.fromEntries(Object.entries(record).map(([id, value]) => [id, f(value)]));
    return {
      resources: template.Resources,
      logicalIds: {
        key: logicalIdOf(platform.key.key),
        bucket: logicalIdOf(platform.data.bucket),
        tables: map(platform.tables.tables, logicalIdOf),
        queues: map(parts.queues, (q) => ({
          queue: logicalIdOf(q.queue),
          deadLetterQueue: logicalIdOf(q.deadLetterQueue),
        })),
        functions: map(parts.functions, (f) => ({
          function: logicalIdOf(f.function),
          role: logicalIdOf(f.role),
        })),
        stateMachines: map(parts.stateMachines, (m) => ({
          stateMachine: logicalIdOf(m.stateMachine),
          role: logicalIdOf(m.stateMachine.role),
        })),
        // What capabilities created and provided (a topic, a role), where the value references a resource.
        provided: Object.fromEntries(
          [...parts.outputs.keys()].flatMap((key) => {
            const [capability = '', name = ''] = key.split(/\/(.*)/s);
            const id = logicalIdOfToken(stack, parts.deployed.output(capability, name));
            return id === undefined ? [] : [[key, id]];
          }),
        ),
      },
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') || entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Everything the template depends on: the CDK app, the registry and processes, the context. */
function cacheKey(context: Record<string, unknown>, processes: readonly ProcessSpec[]): string {
  const hash = createHash('sha256');
  for (const file of [
    ...sourceFiles(join(repoRoot, 'lib')),
    ...sourceFiles(join(repoRoot, 'lambdas')),
  ].sort())
    hash.update(file).update(readFileSync(file));
  hash.update(JSON.stringify(context));
  hash.update(JSON.stringify(processes, (_, v: unknown) => (typeof v === 'function' ? String(v) : v)));
  return hash.digest('hex').slice(0, 32);
}

/**
 * The synthesized template the runtime evaluates calls against. A synth takes seconds, so it is cached
 * by the sources and context it came from (node_modules/.cache/tower-iam); any change synthesizes again.
 */
export function synthesizedTemplate(
  context: Record<string, unknown>,
  processes: readonly ProcessSpec[],
): SynthesizedTemplate {
  const dir = join(repoRoot, 'node_modules', '.cache', 'tower-iam');
  const file = join(dir, `${cacheKey(context, processes)}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SynthesizedTemplate;
  const synthesized = synthesize(context, processes);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(synthesized));
  return synthesized;
}

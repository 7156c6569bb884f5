import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Operation, Questions } from '../../../../bin/preflight/answers.ts';
import type { CheckContext } from '../../../../bin/preflight/checks/context.ts';
import type { DeploymentPlan } from '../../../../bin/preflight/plan.ts';
import type { RecordedEntry, Recording } from '../../../../bin/preflight/recording.ts';
import { ReplayReader } from '../../../../bin/preflight/replay-reader.ts';
import { maxConcurrencyOf } from '../../../../lambdas/platform/registry/queues.ts';
import { towerCatalog } from '../../../../lambdas/platform/tower-catalog.ts';
import { processes } from '../../../../lambdas/processes/index.ts';
import { parseConfig } from '../../../../lib/config/index.ts';

/** cdk.json's context, as `cdk synth` reads it in this checkout. */
export function cdkJsonContext(): Record<string, unknown> {
  return (
    JSON.parse(readFileSync(new URL('../../../../cdk.json', import.meta.url), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;
}

/**
 * The plan a synth of this checkout gives, built from the same catalog and config the stack is (the
 * infra test test/infra/preflight-plan.test.ts checks the two agree), without the seconds of a synth.
 */
export function planFor(
  context: Record<string, unknown> = {},
  overrides: Partial<DeploymentPlan> = {},
): DeploymentPlan {
  const config = parseConfig({ ...cdkJsonContext(), ...context }, processes);
  const catalog = towerCatalog(processes);
  return {
    stackName: `Tower-${config.stage}`,
    config,
    queueConsumers: catalog.queues.map((q) => ({
      consumer: q.consumer,
      maximumConcurrency: maxConcurrencyOf(q, config),
    })),
    reservedConcurrency: {},
    functionCount: 14,
    apiGateway: { setsAccountRole: true, logs: true },
    sendsThroughConfigurationSets: true,
    bootstrap: { versionParameter: '/cdk-bootstrap/hnb659fds/version', requiredVersion: 6 },
    ...overrides,
  };
}

/** A recorded answer, in the API's response syntax. */
export function answer<O extends Operation>(
  operation: O,
  question: Questions[O],
  value: Record<string, unknown>,
): RecordedEntry {
  return { operation, question: { ...question }, answer: value };
}

/** A recorded error, with the exception name AWS gives. */
export function refusal<O extends Operation>(
  operation: O,
  question: Questions[O],
  name: string,
  message = '',
  code?: string,
): RecordedEntry {
  return { operation, question: { ...question }, error: { name, message, ...(code ? { code } : {}) } };
}

export const recordingOf = (entries: readonly RecordedEntry[], region = 'eu-west-1'): Recording => ({
  source: 'unit test',
  region,
  entries: [...entries],
});

/** A check's context over recorded answers. */
export function contextOf(
  entries: readonly RecordedEntry[],
  plan: DeploymentPlan = planFor(),
  extra: Partial<CheckContext> = {},
): CheckContext {
  return {
    reader: new ReplayReader(recordingOf(entries)),
    plan,
    region: 'eu-west-1',
    accountId: '111122223333',
    ...extra,
  };
}

/** A recording under test/fixtures/preflight, read as the CLI reads one. */
export const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/preflight/${name}`, import.meta.url));

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capabilities } from '../../lambdas/platform/capabilities.ts';
import { processes } from '../../lambdas/processes/index.ts';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../local/runtime/runtime.ts';
import { AutoApprover } from './approver.ts';
import { targetOf } from './driver.ts';
import { collectEvidence, type Target } from './evidence.ts';
import { judge } from './judge.ts';
import type { Scale, ScenarioContext, ScenarioOutcome, ScenarioRow } from './types.ts';

export const approver = 'alice@example.com';
export const minDwellSeconds = 1;

/**
 * Settings for throughput on two cores: few environments per function (workers compete for the same
 * cores as the emulators), a Textract quota the extractor can serve, and an intake visibility timeout
 * short enough that a batch the starter lost comes back within a scenario.
 */
export function runtimeOptions(
  overrides: Partial<LocalRuntimeOptions> = {},
  scale: Scale = 'full',
): LocalRuntimeOptions {
  return {
    processes,
    functionConcurrency: 4,
    // It applies to every queue: long enough for a busy extract consumer, short enough for small runs.
    queueVisibilityTimeoutSeconds: scale === 'small' ? 10 : 30,
    ...overrides,
    capabilities: overrides.capabilities ?? capabilities,
    context: {
      intakeMaxConcurrency: 5,
      textract: { syncTps: 10, startTps: 2, getTps: 10, maxConcurrentJobs: 20 },
      processes: {
        invoice: {
          approval: { approvers: [approver, 'bob@example.com'], minDwellSeconds, identity: 'link' },
          // Every vendor is new in a scenario's fresh data directory: which invoices need a person is planned by amount.
          rules: { newVendorRequiresApproval: false },
        },
      },
      ...overrides.context,
    },
  };
}

export interface InProcess {
  readonly runtime: LocalRuntime;
  readonly target: Target;
  readonly context: ScenarioContext;
  /** Approves whatever the rules send to a person, unless the scenario decides itself. */
  readonly approver: AutoApprover;
}

/** A fresh runtime in a fresh data directory, the scenario, the evidence, the judgement, then clean-up. */
export async function inProcessScenario(
  id: number,
  name: string,
  context: ScenarioContext,
  options: LocalRuntimeOptions,
  body: (env: InProcess) => Promise<ScenarioOutcome>,
): Promise<ScenarioRow> {
  const dataDir = mkdtempSync(join(tmpdir(), `tower-reliability-${id}-`));
  const started = performance.now();
  const shared = context.sharedDynamoDb;
  const runtime = await startLocalRuntime({
    ...options,
    dataDir,
    ...(shared ? { sharedDynamoDb: shared } : {}),
  });
  const target = targetOf(runtime);
  const auto = new AutoApprover(runtime.mailbox, runtime.endpoints.approvals, {
    approver,
    dwellMs: minDwellSeconds * 1000 + 100,
  });
  try {
    auto.start();
    const outcome = await body({ runtime, target, context, approver: auto });
    await auto.stop();
    const wallMs = performance.now() - started;
    const evidence = await collectEvidence(target);
    const notes = [...(outcome.notes ?? [])];
    if (auto.approved > 0) notes.push(`${auto.approved} sent to a person by the rules and approved`);
    return judge(id, name, evidence, { ...outcome, notes }, wallMs);
  } finally {
    await auto.stop();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

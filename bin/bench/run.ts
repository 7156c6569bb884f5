import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { capabilities } from '../../lambdas/platform/capabilities.ts';
import type { ProcessSpec } from '../../lambdas/platform/registry/process-spec.ts';
import { processes } from '../../lambdas/processes/index.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime/runtime.ts';
import type { AslDefinition } from '../../local/stepfunctions/definition.ts';
import { readDefinition } from '../../statemachines/definition.ts';
import { runEndToEnd } from './end-to-end.ts';
import type { BenchOptions } from './options.ts';
import { medianRun, overheadBareEngine, overheadThroughRuntime } from './overhead.ts';
import {
  type BenchReport,
  type OverheadSummary,
  summariseEndToEnd,
  summariseOverhead,
  summariseWork,
} from './report.ts';
import { waitingStates } from './transitions.ts';
import { decimalToCents, planWorkload, renderWorkload } from './workload.ts';

const approver = 'alice@example.com';
const submitter = 'bench@tower.local';
const minDwellSeconds = 1;
const overheadRounds = 3;

/** As the integration tests: two approvers and a one-second dwell, so approvals take seconds. */
export const benchContext = {
  // A Textract quota well above what one machine pushes, so the bench measures the pipeline, not the
  // account's default 1 call per second (npm run bench:admission measures admission at a quota).
  textract: { syncTps: 100, startTps: 10, getTps: 100, maxConcurrentJobs: 50 },
  processes: {
    invoice: {
      approval: { approvers: [approver, 'bob@example.com'], minDwellSeconds, identity: 'link' },
      // Every vendor is new in the bench's fresh data directory: the workload plans approvals by amount.
      rules: { newVendorRequiresApproval: false },
    },
  },
};

async function withRuntime<T>(use: (runtime: LocalRuntime) => Promise<T>): Promise<T> {
  // A short visibility timeout, so a batch the starter drops comes back within seconds.
  const runtime = await startLocalRuntime({
    capabilities,
    processes,
    queueVisibilityTimeoutSeconds: 5,
    context: benchContext,
  });
  try {
    return await use(runtime);
  } finally {
    await runtime.stop();
  }
}

function invoiceProcess(): ProcessSpec {
  const found = processes.find((p) => p.id === 'invoice');
  if (!found) throw new Error('the invoice process is not registered');
  return found;
}

/** The overhead pair, each the median of a few rounds, on a fresh runtime and on the bare engine. */
async function measureOverhead(
  invoice: ProcessSpec,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<OverheadSummary> {
  // Long enough to measure the bare engine (about 0.3 ms an execution), and never fewer than the documents.
  const overheadOptions = { count: Math.max(options.documents, 1000), concurrency: options.concurrency };
  log(
    `orchestration overhead: ${overheadRounds} × ${overheadOptions.count} executions through a fresh runtime`,
  );
  const throughRuntime = await withRuntime(async (runtime) => {
    const runs = [];
    for (let i = 0; i < overheadRounds; i += 1)
      runs.push(await overheadThroughRuntime(runtime, invoice, overheadOptions));
    return medianRun(runs);
  });
  log(`orchestration overhead: ${overheadRounds} × ${overheadOptions.count} executions on the bare engine`);
  const bareRuns = [];
  for (let i = 0; i < overheadRounds; i += 1)
    bareRuns.push(await overheadBareEngine(invoice, overheadOptions));
  return summariseOverhead(throughRuntime, medianRun(bareRuns));
}

/**
 * The whole bench: N invoices end to end through a fresh local runtime (temporary data directory),
 * then the orchestration-overhead pair on a second fresh runtime and on the bare engine.
 */
export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchReport> {
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const invoice = invoiceProcess();
  const waiting = waitingStates(JSON.parse(readDefinition(invoice)) as AslDefinition);

  log('starting the local runtime for the end-to-end run');
  const endToEnd = await withRuntime(async (runtime) => {
    const threshold = decimalToCents(
      String(runtime.config.processes[invoice.id]?.rules.amountThreshold ?? '0'),
    );
    const documents = await renderWorkload(planWorkload(options.documents, options.approvalShare, threshold));
    log(`dropping ${documents.length} invoices, ${options.concurrency} uploads in flight`);
    return runEndToEnd(runtime, documents, {
      processId: invoice.id,
      concurrency: options.concurrency,
      timeoutMs: options.timeoutMs,
      approver,
      submittedBy: submitter,
      dwellMs: minDwellSeconds * 1000 + 100,
      progress: log,
    });
  });

  let overhead: OverheadSummary | undefined;
  let overheadError: string | undefined;
  try {
    overhead = await measureOverhead(invoice, options, log);
  } catch (error) {
    overheadError = error instanceof Error ? error.message : String(error);
  }

  return {
    machine: {
      node: process.version,
      platform: process.platform,
      cpus: availableParallelism(),
      load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    },
    settings: {
      documents: options.documents,
      concurrency: options.concurrency,
      approvalShare: options.approvalShare,
      timeoutSeconds: options.timeoutMs / 1000,
    },
    endToEnd: summariseEndToEnd(endToEnd, waiting),
    ...summariseWork(endToEnd, waiting),
    ...(overhead ? { overhead } : {}),
    ...(overheadError ? { overheadError } : {}),
    benchWallMs: performance.now() - started,
  };
}

import type { FaultRule } from '../../../local/runtime/faults.ts';
import type { ExecutionRecord } from '../../../local/stepfunctions/executions.ts';
import { failureOf, stateVisitsOf } from '../../../local/stepfunctions/history-reading.ts';
import { dropAll, expectDropped, settle } from '../driver.ts';
import { executionsOnDisk } from '../evidence.ts';
import { inProcessScenario, runtimeOptions } from '../harness.ts';
import { documentOfExecution } from '../judge.ts';
import type { Expectation, Scenario } from '../types.ts';
import { cleanInvoices, largeInvoices } from '../workload.ts';

const sizes = { full: { clean: 300, large: 10 }, small: { clean: 24, large: 3 } } as const;
const transientRate = 0.3;
const permanentRate = 0.01;
// The ASL retries a Lambda task three times: a fourth injected failure in a row ends the document FAILED.
const attemptsPerStep = 4;

const faultRules: FaultRule[] = [
  { functionId: 'score', kind: 'permanent', probability: permanentRate },
  { functionId: 'rules', kind: 'permanent', probability: permanentRate },
  { functionId: 'score', kind: 'transient', probability: transientRate },
  { functionId: 'rules', kind: 'transient', probability: transientRate },
  { functionId: 'extract', kind: 'transient', probability: transientRate },
  { functionId: 'request-approval', kind: 'transient', probability: transientRate },
];

/** Per state, how many of its task attempts failed with `error` (Task… and LambdaFunction… failures alike). */
function failedTasks(execution: ExecutionRecord, error: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const visit of stateVisitsOf(execution.events)) {
    const matching = visit.failures.filter((f) => failureOf(f)?.error === error).length;
    if (matching > 0) counts.set(visit.name, (counts.get(visit.name) ?? 0) + matching);
  }
  return counts;
}

/**
 * Where a document must end given the faults its execution met (read from its history): FAILED
 * permanent after an injected permanent error, FAILED transient when one step failed on every
 * attempt, else COMPLETED.
 */
export function expectedUnderFaults(
  executions: readonly ExecutionRecord[],
): Pick<Expectation, 'statuses' | 'failureClass'> {
  if (executions.some((e) => failedTasks(e, 'Tower.Permanent').size > 0))
    return { statuses: ['FAILED'], failureClass: 'permanent' };
  if (
    executions.some((e) => [...failedTasks(e, 'Tower.Transient').values()].some((n) => n >= attemptsPerStep))
  )
    return { statuses: ['FAILED'], failureClass: 'transient' };
  return { statuses: ['COMPLETED'] };
}

/**
 * 2. 30 % transient failures in score, rules, the extraction consumer, request-approval and SES, and
 * 1 % permanent ones in each of score and rules: the permanent ones FAILED with class permanent, the
 * rest COMPLETED (or FAILED transient where one step failed on all four attempts).
 */
export const faults: Scenario = {
  id: 2,
  name: 'transient and permanent faults',
  run: (context) =>
    inProcessScenario(
      2,
      faults.name,
      context,
      runtimeOptions({ faults: faultRules }, context.scale),
      async ({ runtime, target }) => {
        runtime.faults.services.ses = { failureRate: transientRate };
        const size = sizes[context.scale];
        const files = [
          ...(await cleanInvoices(size.clean, 'faults')),
          ...(await largeInvoices(size.large, 'faults-large')),
        ];
        context.log(`dropping ${files.length} invoices (${size.large} need approval) under faults`);
        const dropped = await dropAll(target, files);
        const open = expectDropped(files, dropped, () => ({ statuses: ['COMPLETED', 'FAILED'] }));
        await settle(target, () => open, context, dropped.started, 700);
        const byDocument = new Map<string, ExecutionRecord[]>();
        for (const e of executionsOnDisk(target.dataDir)) {
          const id = documentOfExecution(e);
          if (id) byDocument.set(id, [...(byDocument.get(id) ?? []), e]);
        }
        const expectations = open.map((e) => ({
          ...e,
          ...expectedUnderFaults(byDocument.get(e.documentId) ?? []),
        }));
        const injected = runtime.faults.injected;
        const permanent = expectations.filter((e) => e.failureClass === 'permanent').length;
        const exhausted = expectations.filter((e) => e.failureClass === 'transient').length;
        return {
          expectations,
          notes: [
            `${injected.filter((i) => i.kind === 'transient').length} transient and ${injected.filter((i) => i.kind === 'permanent').length} permanent faults injected, SES failing ${transientRate * 100} %`,
            `expected from the histories: ${permanent} FAILED permanent, ${exhausted} FAILED transient (all four attempts failed), the rest COMPLETED`,
          ],
        };
      },
    ),
};

import type { DocumentRecord } from '../../../lambdas/platform/stores/documents.ts';
import { dropAll, expectDropped, settle, sleep } from '../driver.ts';
import { scanTable } from '../evidence.ts';
import { inProcessScenario, runtimeOptions } from '../harness.ts';
import type { Scenario } from '../types.ts';
import { cleanInvoices } from '../workload.ts';

const sizes = { full: { documents: 400, stale: 10 }, small: { documents: 20, stale: 3 } } as const;
/** The intake poller is stopped this long after the burst starts, for this long, then started again. */
const intakePause = {
  full: { afterMs: 5000, forMs: 15_000 },
  small: { afterMs: 1000, forMs: 3000 },
} as const;

/**
 * 4. The starter crashes after doing its work (30 %) or times out (5 %), so SQS redelivers batches it
 * already started, and its poller is stopped and started again mid-burst; then, for a few completed
 * documents, a second execution is started by hand with the same input, as a stale duplicate would:
 * it must change nothing.
 */
export const starterCrash: Scenario = {
  id: 4,
  name: 'starter crashes, stale duplicate executions',
  run: (context) =>
    inProcessScenario(
      4,
      starterCrash.name,
      context,
      runtimeOptions(
        {
          faults: [
            { functionId: 'start-execution', kind: 'crash', probability: 0.3 },
            { functionId: 'start-execution', kind: 'timeout', probability: 0.05 },
          ],
        },
        context.scale,
      ),
      async ({ runtime, target }) => {
        const size = sizes[context.scale];
        const files = await cleanInvoices(size.documents, 'crash');
        context.log(`dropping ${files.length} invoices; the starter crashes or times out`);
        const pause = intakePause[context.scale];
        const paused = sleep(pause.afterMs).then(async () => {
          await runtime.intake.stop();
          await sleep(pause.forMs);
          runtime.intake.start();
        });
        const dropped = await dropAll(target, files);
        await paused;
        const expectations = expectDropped(files, dropped, () => ({ statuses: ['COMPLETED'] }));
        await settle(target, () => expectations, context, dropped.started, 700);
        runtime.faults.set([]);

        // Stale duplicates: the same input under another name, after the document completed.
        const before = new Map(
          (await scanTable<DocumentRecord>(target, 'documents')).map((d) => [d.documentId, d]),
        );
        const completed = files
          .filter((f) => before.get(f.documentId)?.status === 'COMPLETED')
          .slice(0, size.stale);
        const handStarted: string[] = [];
        for (const f of completed) {
          const original = runtime.stepFunctions.store
            .list()
            .find((e) => e.name.endsWith(f.documentId) && e.status === 'SUCCEEDED');
          if (!original) continue;
          const stale = runtime.stepFunctions.startExecution({
            stateMachineArn: original.stateMachineArn,
            name: `stale-${f.documentId.slice(0, 40)}`,
            input: original.input,
          });
          handStarted.push(stale.executionArn);
        }
        context.log(`started ${handStarted.length} stale duplicate executions by hand`);
        const until = Date.now() + 120_000;
        while (
          Date.now() < until &&
          handStarted.some((arn) => runtime.stepFunctions.store.get(arn)?.status === 'RUNNING')
        )
          await sleep(500);
        await sleep(1000);
        const after = new Map(
          (await scanTable<DocumentRecord>(target, 'documents')).map((d) => [d.documentId, d]),
        );
        const problems: string[] = [];
        for (const f of completed) {
          const [b, a] = [before.get(f.documentId), after.get(f.documentId)];
          if (
            b?.revision !== a?.revision ||
            b?.status !== a?.status ||
            b?.ownerExecution !== a?.ownerExecution
          )
            problems.push(
              `wrong: stale execution changed ${f.documentId.slice(0, 12)}: ${b?.status}→${a?.status}`,
            );
        }
        const ended = handStarted.map((arn) => runtime.stepFunctions.store.get(arn)?.status ?? 'missing');
        const running = ended.filter((s) => s === 'RUNNING').length;
        if (running > 0)
          problems.push(`wrong: ${running} stale execution(s) still running (waiting for a person?)`);
        const injected = runtime.faults.injected;
        return {
          expectations,
          handStarted,
          problems,
          extraWrong: problems.length,
          notes: [
            `${injected.filter((i) => i.kind === 'crash').length} starter crashes, ${injected.filter((i) => i.kind === 'timeout').length} starter timeouts injected`,
            `${handStarted.length} stale executions started by hand: ${ended.join(', ')}`,
            `intake poller stopped ${pause.afterMs / 1000} s into the burst for ${pause.forMs / 1000} s, then started again`,
          ],
        };
      },
    ),
};

import { drop, inPool, waitUntilSettled } from '../driver.ts';
import { inProcessScenario, runtimeOptions } from '../harness.ts';
import type { Expectation, Scenario } from '../types.ts';
import { cleanInvoices } from '../workload.ts';

const sizes = { full: 200, small: 20 } as const;
/** About ten times the score step's p95 on this machine under load (~200 ms). */
const scoreDelayMs = 2000;
/** The lowest cap the configuration accepts, so the burst keeps the intake at it throughout. */
const intakeMaxConcurrency = 2;

/**
 * 3. The worst-case slow model: every score call 2 s slower, with the intake held at its concurrency
 * cap by a burst. Everything must complete; the row reports how long it took.
 */
export const slowModel: Scenario = {
  id: 3,
  name: 'slow model, intake at its cap',
  run: (context) =>
    inProcessScenario(
      3,
      slowModel.name,
      context,
      runtimeOptions(
        {
          faults: [{ functionId: 'score', kind: 'delay', delayMs: scoreDelayMs }],
          context: { intakeMaxConcurrency },
        },
        context.scale,
      ),
      async ({ target }) => {
        const files = await cleanInvoices(sizes[context.scale], 'slow');
        const droppedAt = new Map<string, number>();
        const started = Date.now();
        context.log(
          `dropping ${files.length} invoices; score +${scoreDelayMs} ms, intake cap ${intakeMaxConcurrency}`,
        );
        await inPool(files, 16, async (f) => {
          droppedAt.set(f.documentId, Date.now());
          await drop(target, f.fileName, f.body);
        });
        const expectations: Expectation[] = files.map((f) => ({
          documentId: f.documentId,
          label: f.label,
          droppedAt: droppedAt.get(f.documentId) ?? started,
          statuses: ['COMPLETED'],
        }));
        await waitUntilSettled(target, () => expectations, {
          deadline: started + 180_000 + files.length * 1000,
          log: context.log,
          pollMs: context.scale === 'full' ? 5000 : 1000,
        });
        return {
          expectations,
          notes: [
            `every score call delayed ${scoreDelayMs} ms; intakeMaxConcurrency ${intakeMaxConcurrency}`,
          ],
        };
      },
    ),
};

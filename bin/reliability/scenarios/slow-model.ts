import { dropAll, expectDropped, settle } from '../driver.ts';
import { inProcessScenario, runtimeOptions } from '../harness.ts';
import type { Scenario } from '../types.ts';
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
        context.log(
          `dropping ${files.length} invoices; score +${scoreDelayMs} ms, intake cap ${intakeMaxConcurrency}`,
        );
        const dropped = await dropAll(target, files);
        const expectations = expectDropped(files, dropped, () => ({ statuses: ['COMPLETED'] }));
        await settle(target, () => expectations, context, dropped.started, 1000);
        return {
          expectations,
          notes: [
            `every score call delayed ${scoreDelayMs} ms; intakeMaxConcurrency ${intakeMaxConcurrency}`,
          ],
        };
      },
    ),
};

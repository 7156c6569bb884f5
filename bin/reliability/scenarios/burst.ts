import { dropAll, expectDropped, settle } from '../driver.ts';
import { inProcessScenario, runtimeOptions } from '../harness.ts';
import type { Scenario } from '../types.ts';
import { cleanInvoices } from '../workload.ts';

// The 5,000: longer than the planned 600 ms each on two shared cores, so the wait follows progress (settle).
const sizes = { full: 5000, small: 30 } as const;
const duplicateEventRate = 0.2;
const reuploadShare = 0.1;

/**
 * 1. A burst of invoices with 20 % of S3 events delivered twice (and out of order) and 10 % of files
 * uploaded again under another name: one document and one execution per content, each COMPLETED.
 */
export const burst: Scenario = {
  id: 1,
  name: 'burst, duplicate events, re-uploads',
  run: (context) =>
    inProcessScenario(
      1,
      burst.name,
      context,
      runtimeOptions({}, context.scale),
      async ({ runtime, target }) => {
        const count = sizes[context.scale];
        const files = await cleanInvoices(count, 'burst');
        runtime.faults.events.duplicateRate = duplicateEventRate;
        runtime.faults.events.maxDelayMs = 500;
        const reuploads = files
          .filter((_, i) => i % Math.round(1 / reuploadShare) === 0)
          .map((f) => ({ ...f, fileName: f.fileName.replace('.pdf', '-again.pdf') }));
        context.log(`dropping ${files.length} invoices and ${reuploads.length} re-uploads`);
        const dropped = await dropAll(target, [...files, ...reuploads]);
        context.log(`dropped in ${((Date.now() - dropped.started) / 1000).toFixed(0)} s`);
        const expectations = expectDropped(files, dropped, () => ({ statuses: ['COMPLETED'] }));
        await settle(target, () => expectations, context, dropped.started, 600);
        return {
          expectations,
          notes: [
            `${files.length + reuploads.length} uploads (${reuploads.length} re-uploads), S3 events duplicated at ${duplicateEventRate * 100} %`,
            ...(dropped.refused.length > 0 ? [`${dropped.refused.length} uploads failed`] : []),
          ],
        };
      },
    ),
};

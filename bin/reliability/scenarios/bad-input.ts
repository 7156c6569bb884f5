import { badFiles, oddKeys } from '../bad-files.ts';
import { dropAll, expectDropped, settle } from '../driver.ts';
import { inProcessScenario, runtimeOptions } from '../harness.ts';
import type { Scenario } from '../types.ts';
import { cleanInvoices, type DropFile } from '../workload.ts';

// Small still reaches every odd key (the sixth, with a plus sign, needs more than 36 bad files).
const sizes = { full: { bad: 200, good: 50 }, small: { bad: 42, good: 9 } } as const;

/**
 * 6. Bad files of every kind (empty, random bytes, truncated, encrypted, an image over 10 MB, a zip
 * bomb named .pdf, odd keys) mixed with good invoices, some under odd keys and one named .png:
 * every bad one REJECTED_INPUT with its original under quarantine/, every good one COMPLETED.
 */
export const badInput: Scenario = {
  id: 6,
  name: 'bad input mixed with good',
  run: (context) =>
    inProcessScenario(6, badInput.name, context, runtimeOptions({}, context.scale), async ({ target }) => {
      const size = sizes[context.scale];
      const bad = await badFiles(size.bad);
      const good = (await cleanInvoices(size.good, 'good')).map(
        (f, i): DropFile => ({
          ...f,
          fileName:
            i === 0
              ? f.fileName.replace('.pdf', '.png')
              : i % 2 === 1
                ? `${oddKeys[i % oddKeys.length]}-good-${i}.pdf`
                : f.fileName,
          label: i === 0 ? 'pdf-named-png' : i % 2 === 1 ? 'good-odd-key' : 'invoice',
        }),
      );
      // Bad and good interleaved, as they would arrive.
      const files = [...bad, ...good].sort((a, b) => (a.documentId < b.documentId ? -1 : 1));
      context.log(`dropping ${bad.length} bad and ${good.length} good files`);
      const dropped = await dropAll(target, files, 8);
      const badIds = new Set(bad.map((f) => f.documentId));
      // Only what S3 accepted was dropped; a refused upload is named in the notes (the local S3 takes every key AWS takes).
      const expectations = expectDropped(files, dropped, (f) =>
        badIds.has(f.documentId)
          ? { statuses: ['REJECTED_INPUT'], quarantined: true }
          : { statuses: ['COMPLETED'] },
      );
      await settle(target, () => expectations, context, dropped.started, 700);
      const refused = dropped.refused.map((f) => f.fileName);
      return {
        expectations,
        notes: [
          `${bad.length} bad files (${new Set(bad.map((f) => f.documentId)).size} distinct contents), ${good.length} good`,
          ...(refused.length > 0
            ? [
                `local S3 refused ${refused.length} upload(s), not counted: ${[...new Set(refused.map((k) => k.replace(/-\d+\.pdf$/, '')))].join(', ')}`,
              ]
            : []),
        ],
      };
    }),
};

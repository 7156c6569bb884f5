import { invoiceRuleSet } from '../../lambdas/processes/invoice/rules/rule-set.ts';
import type { CaseResult } from './run.ts';
import { type ScoredField, scoredFields } from './score.ts';
import { median } from './stats.ts';

/**
 * Whether confidence tells right reads from wrong ones: per field, the confidences of the reads that
 * were right and of those that were wrong, and how many wrong reads passed the rule set's
 * threshold for that field (each such read would skip the person who should have checked it).
 */

export interface ConfidenceSplit {
  readonly right: { readonly n: number; readonly median: number; readonly min: number };
  readonly wrong: { readonly n: number; readonly median: number; readonly max: number };
  /** The rule set's minimum for the field; null when no rule checks it. */
  readonly threshold: number | null;
  /** Reads at or above the threshold (those no person checks). */
  readonly trusted: number;
  /** Wrong reads at or above the threshold. */
  readonly wrongTrusted: number;
}

export function confidenceSplit(results: readonly CaseResult[]): Record<ScoredField, ConfidenceSplit> {
  const thresholds = invoiceRuleSet.fieldConfidence as Readonly<Record<string, number>>;
  return Object.fromEntries(
    scoredFields.map((field) => {
      const read = results.flatMap((r) => {
        const confidence = r.confidences[field];
        return confidence === null ? [] : [{ confidence, right: r.scores[field] }];
      });
      const right = read.filter((r) => r.right).map((r) => r.confidence);
      const wrong = read.filter((r) => !r.right).map((r) => r.confidence);
      const threshold = thresholds[field] ?? null;
      const split: ConfidenceSplit = {
        right: {
          n: right.length,
          median: median(right),
          min: right.length === 0 ? Number.NaN : Math.min(...right),
        },
        wrong: {
          n: wrong.length,
          median: median(wrong),
          max: wrong.length === 0 ? Number.NaN : Math.max(...wrong),
        },
        threshold,
        trusted: threshold === null ? 0 : read.filter((r) => r.confidence >= threshold).length,
        wrongTrusted: threshold === null ? 0 : wrong.filter((c) => c >= threshold).length,
      };
      return [field, split];
    }),
  ) as Record<ScoredField, ConfidenceSplit>;
}

export function formatConfidence(split: Record<ScoredField, ConfidenceSplit>): string[] {
  const num = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(1)).padStart(8);
  return [
    'Confidence of right and wrong reads (fields read; a wrong read at or above the rule threshold skips review;',
    'share: of the reads at or above it, the wrong ones)',
    `${'field'.padEnd(14)}${'right n'.padStart(8)}${'median'.padStart(8)}${'min'.padStart(8)}${'wrong n'.padStart(9)}${'median'.padStart(8)}${'max'.padStart(8)}${'rule'.padStart(7)}${'≥rule n'.padStart(9)}${'wrong≥rule'.padStart(12)}${'share'.padStart(8)}`,
    ...scoredFields.map((f) => {
      const s = split[f];
      const share =
        s.threshold === null || s.trusted === 0 ? '-' : `${((100 * s.wrongTrusted) / s.trusted).toFixed(1)}%`;
      return `${f.padEnd(14)}${String(s.right.n).padStart(8)}${num(s.right.median)}${num(s.right.min)}${String(s.wrong.n).padStart(9)}${num(s.wrong.median)}${num(s.wrong.max)}${(s.threshold === null ? '-' : String(s.threshold)).padStart(7)}${(s.threshold === null ? '-' : String(s.trusted)).padStart(9)}${String(s.wrongTrusted).padStart(12)}${share.padStart(8)}`;
    }),
  ];
}

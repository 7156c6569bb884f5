import type { CaseResult } from './run.ts';
import { type ScoredField, scoredFields } from './score.ts';

/**
 * A reliability table per field: the reads that fell in each confidence band, and the share of them
 * that were right. A calibrated extractor's bands at and above a rule's threshold are right (almost)
 * every time; the bands below it hold the reads a person is asked to check.
 */

/** Band lower bounds; each band runs to the next bound (the last to 100, included). */
export const bandBounds = [0, 50, 70, 80, 85, 90, 95] as const;

export interface BandCell {
  readonly n: number;
  readonly right: number;
}

export type Reliability = Readonly<Record<ScoredField, readonly BandCell[]>>;

export function reliability(results: readonly CaseResult[]): Reliability {
  return Object.fromEntries(
    scoredFields.map((field) => {
      const cells = bandBounds.map(() => ({ n: 0, right: 0 }));
      for (const r of results) {
        const confidence = r.confidences[field];
        if (confidence === null) continue;
        const cell = cells[bandOf(confidence)];
        if (cell === undefined) continue;
        cell.n += 1;
        if (r.scores[field]) cell.right += 1;
      }
      return [field, cells];
    }),
  ) as Record<ScoredField, BandCell[]>;
}

function bandOf(confidence: number): number {
  let band = 0;
  for (const [i, bound] of bandBounds.entries()) if (confidence >= bound) band = i;
  return band;
}

function bandName(i: number): string {
  const low = bandBounds[i] ?? 0;
  const high = bandBounds[i + 1];
  return high === undefined ? `${low}–100` : `${low}–<${high}`;
}

export function formatReliability(table: Reliability): string[] {
  const cell = (c: BandCell) =>
    c.n === 0
      ? '-'.padStart(13)
      : `${String(c.n).padStart(4)} ${`${((100 * c.right) / c.n).toFixed(1)}%`.padStart(7)} `;
  return [
    'Reliability per field (confidence band: reads in it, share right)',
    `${'band'.padEnd(10)}${scoredFields.map((f) => f.padStart(14)).join('')}`,
    ...bandBounds.map(
      (_, i) =>
        `${bandName(i).padEnd(10)}${scoredFields.map((f) => ` ${cell(table[f][i] ?? { n: 0, right: 0 })}`).join('')}`,
    ),
  ];
}

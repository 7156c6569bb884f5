import type { Contribution, RiskBand } from '../domain/workflow.ts';

/** Probability thresholds of the bands: low < medium ≤ score < high ≤ score. */
export interface BandThresholds {
  readonly medium: number;
  readonly high: number;
}

export const defaultBands: BandThresholds = { medium: 0.3, high: 0.7 };

export function bandOf(score: number, bands: BandThresholds): RiskBand {
  if (score >= bands.high) return 'high';
  return score >= bands.medium ? 'medium' : 'low';
}

/** How many contributions a result explains itself with. */
export const rationaleSize = 3;

/**
 * The contributions an auditor reads: largest |contribution| first, ties in feature order, zeros
 * left out since they explain nothing.
 */
export function topContributions(all: readonly Contribution[], size = rationaleSize): Contribution[] {
  return all
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => c.contribution !== 0)
    .sort((a, b) => Math.abs(b.c.contribution) - Math.abs(a.c.contribution) || a.index - b.index)
    .slice(0, size)
    .map(({ c }) => c);
}

import { describe, expect, it } from 'vitest';
import { type FeatureSet, featureNames } from '../../../../../lambdas/processes/invoice/score/features.ts';
import {
  heuristicVersion,
  scoreWithHeuristic,
} from '../../../../../lambdas/processes/invoice/score/heuristic.ts';

function featureSet(values: Partial<FeatureSet['values']>): FeatureSet {
  const all = Object.fromEntries(featureNames.map((n) => [n, values[n] ?? 0])) as FeatureSet['values'];
  const explanations = Object.fromEntries(
    featureNames.map((n) => [n, `because ${n}`]),
  ) as FeatureSet['explanations'];
  return { values: all, explanations };
}

describe('scoreWithHeuristic', () => {
  it.each<[string, Partial<FeatureSet['values']>, number, string]>([
    ['no signal', {}, 0, 'low'],
    ['a round total only', { roundAmount: 1 }, 0.1, 'low'],
    ['a new vendor with a round total', { newVendor: 1, roundAmount: 1, lowConfidence: 0.25 }, 0.3, 'medium'],
    ['changed bank details', { bankDetailsChanged: 1 }, 0.4, 'medium'],
    ['a total 10× the usual', { amountDeviation: Math.log(10) }, 0.3, 'medium'],
    ['changed bank and a reused number', { bankDetailsChanged: 1, duplicateInvoiceNumber: 1 }, 0.8, 'high'],
    ['every signal at once', Object.fromEntries(featureNames.map((n) => [n, 5])), 1, 'high'],
  ])('scores %s', (_, values, score, band) => {
    // Act
    const result = scoreWithHeuristic(featureSet(values), 'why');

    // Assess
    expect(result.score).toBeCloseTo(score, 4);
    expect(result.band).toBe(band);
  });

  it('is marked degraded, names its version and explains only the signals present, largest first', () => {
    // Act
    const result = scoreWithHeuristic(
      featureSet({ newVendor: 1, bankDetailsChanged: 1, roundAmount: 0.5 }),
      'model cannot be loaded: test',
    );

    // Assess
    expect(result).toMatchObject({
      method: 'heuristic',
      degraded: true,
      degradedReason: 'model cannot be loaded: test',
      modelVersion: heuristicVersion,
    });
    expect(result.rationale.map((c) => [c.feature, c.contribution])).toEqual([
      ['bankDetailsChanged', 40],
      ['newVendor', 15],
      ['roundAmount', 5],
    ]);
    expect(result.rationale[0]?.explanation).toBe('because bankDetailsChanged');
  });
});

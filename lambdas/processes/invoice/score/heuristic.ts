import type { Contribution, ScoreResult } from '../domain/workflow.ts';
import { type FeatureName, type FeatureSet, featureNames, round4 } from './features.ts';
import { scoreInputHash } from './model.ts';
import { bandOf, defaultBands, topContributions } from './rationale.ts';

/**
 * The fallback when the model cannot be trusted or loaded: points per risk signal, readable at a
 * glance, versioned like the model so the audit trail names which one decided.
 */
export const heuristicVersion = 'vendor-risk-heuristic@1.0.0';

/** Points a feature earns at full strength; a feature scales its points by its value (0–1). */
export const heuristicPoints: Readonly<Record<FeatureName, number>> = {
  bankDetailsChanged: 40,
  duplicateInvoiceNumber: 40,
  amountDeviation: 30,
  lowConfidence: 20,
  newVendor: 15,
  currencyMismatch: 15,
  roundAmount: 10,
};

/** A total 10× (or a tenth of) the vendor's median earns the full amount points. */
const fullAmountDeviation = Math.log(10);

/** Points saturate at 100, which maps to a score of 1. */
const maxPoints = 100;

function strength(name: FeatureName, value: number): number {
  const scaled = name === 'amountDeviation' ? value / fullAmountDeviation : value;
  return Math.min(1, Math.max(0, scaled));
}

/** Scores features with the heuristic; the result is always marked degraded, with the reason. */
export function scoreWithHeuristic(features: FeatureSet, degradedReason: string): ScoreResult {
  const contributions: Contribution[] = featureNames.map((name) => ({
    feature: name,
    value: features.values[name],
    contribution: round4(heuristicPoints[name] * strength(name, features.values[name])),
    explanation: features.explanations[name],
  }));
  const points = contributions.reduce((sum, c) => sum + c.contribution, 0);
  const score = round4(Math.min(maxPoints, points) / maxPoints);
  return {
    score,
    band: bandOf(score, defaultBands),
    rationale: topContributions(contributions),
    features: features.values,
    modelVersion: heuristicVersion,
    method: 'heuristic',
    degraded: true,
    degradedReason,
    inputHash: scoreInputHash(features, heuristicVersion),
  };
}

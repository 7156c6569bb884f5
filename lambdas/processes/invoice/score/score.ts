import type { ScoreResult } from '../domain/workflow.ts';
import { amountCents, computeFeatures, keyFieldConfidence, type ScoringInput } from './features.ts';
import { scoreWithHeuristic } from './heuristic.ts';
import { scoreWithModel } from './model.ts';
import type { ModelSource } from './model-source.ts';

/** Below this confidence (0–100) in a key field, the model's inputs are too noisy to trust. */
export const minKeyFieldConfidence = 50;

/** Why the invoice is too incomplete for the model, or an empty list when it is complete enough. */
export function incompleteness(input: ScoringInput): string[] {
  const { invoice } = input;
  const reasons: string[] = [];
  if (!invoice.vendor?.value.trim()) reasons.push('no vendor');
  if ((amountCents(invoice.total?.value) ?? 0) <= 0) reasons.push('no usable total');
  const lowest = keyFieldConfidence(invoice);
  if (reasons.length === 0 && lowest.confidence < minKeyFieldConfidence)
    reasons.push(
      `${lowest.field} confidence ${Math.round(lowest.confidence)} below ${minKeyFieldConfidence}`,
    );
  return reasons;
}

/**
 * Scores vendor risk: the model when the input is complete and the model loads, otherwise the
 * heuristic, marked degraded with the reason. A model that cannot load never fails the workflow.
 */
export async function scoreVendorRisk(input: ScoringInput, models: ModelSource): Promise<ScoreResult> {
  const features = computeFeatures(input);
  const missing = incompleteness(input);
  if (missing.length > 0)
    return scoreWithHeuristic(features, `input too incomplete for the model: ${missing.join('; ')}`);
  const loaded = await models.load().catch((error: unknown) => ({
    ok: false as const,
    reason: error instanceof Error ? error.message : String(error),
  }));
  if (!loaded.ok) return scoreWithHeuristic(features, `model cannot be loaded: ${loaded.reason}`);
  return scoreWithModel(loaded.model, features);
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashJson } from '../../../../../lambdas/platform/shared/hash.ts';
import {
  computeFeatures,
  type FeatureSet,
  featureNames,
} from '../../../../../lambdas/processes/invoice/score/features.ts';
import {
  modelChecksum,
  scoreWithModel,
  serializeModel,
  type VendorRiskModel,
  validateModel,
} from '../../../../../lambdas/processes/invoice/score/model.ts';
import {
  bundledModelSource,
  staticModelSource,
} from '../../../../../lambdas/processes/invoice/score/model-source.ts';
import { modelArtifactPath } from '../../../../../lambdas/processes/invoice/score/training/train.ts';
import { field, history, invoice } from './builders.ts';

const committed = (): VendorRiskModel =>
  JSON.parse(readFileSync(modelArtifactPath, 'utf8')) as VendorRiskModel;

/** A hand-made model: every feature standardised to (x − 0) / 1, so contributions are weight × value. */
function handModel(weights: readonly number[]): VendorRiskModel {
  const parameters = {
    version: 'vendor-risk@0.0.1',
    kind: 'logistic-regression' as const,
    features: featureNames.map((name, j) => ({ name, mean: 0, std: 1, weight: weights[j] ?? 0 })),
    bias: -1,
    bands: { medium: 0.3, high: 0.7 },
  };
  return {
    ...parameters,
    training: {
      generator: 'hand',
      seed: 1,
      samples: { train: 1, holdout: 1, positiveRate: 0.5 },
      hyperparameters: { epochs: 1, learningRate: 1, l2: 0 },
      holdout: { auc: 0.5, accuracy: 0.5 },
    },
    checksum: modelChecksum(parameters),
  };
}

function featureSet(values: Partial<FeatureSet['values']>): FeatureSet {
  const all = Object.fromEntries(featureNames.map((n) => [n, values[n] ?? 0])) as FeatureSet['values'];
  const explanations = Object.fromEntries(
    featureNames.map((n) => [n, `because ${n}`]),
  ) as FeatureSet['explanations'];
  return { values: all, explanations };
}

describe('validateModel', () => {
  it('accepts the committed artifact', async () => {
    // Act
    const loaded = await bundledModelSource.load();

    // Assess
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && loaded.model.version).toBe('vendor-risk@1.0.0');
  });

  it.each<[string, (m: VendorRiskModel) => unknown, RegExp]>([
    ['a missing artifact', () => undefined, /missing/],
    ['a tampered weight', (m) => ({ ...m, bias: m.bias + 0.5 }), /checksum mismatch/],
    ['a tampered checksum', (m) => ({ ...m, checksum: `sha256:${'0'.repeat(64)}` }), /checksum mismatch/],
    [
      'a zero std',
      (m) => ({ ...m, features: m.features.map((f) => ({ ...f, std: 0 })) }),
      /features\.0\.std/,
    ],
    ['an unknown kind', (m) => ({ ...m, kind: 'forest' }), /kind/],
    ['inverted bands', (m) => ({ ...m, bands: { medium: 0.8, high: 0.2 } }), /bands/],
    ['a missing feature', (m) => ({ ...m, features: m.features.slice(1) }), /do not match/],
    ['not an object', () => 'vendor-risk', /invalid/],
  ])('refuses %s', (_, tamper, reason) => {
    // Act
    const result = validateModel(tamper(committed()));

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('validates a source once and reports the same answer after', async () => {
    // Prepare
    const source = staticModelSource({ ...committed(), bias: 9 });

    // Act
    const first = await source.load();
    const second = await source.load();

    // Assess
    expect(first).toEqual({ ok: false, reason: 'model vendor-risk@1.0.0 checksum mismatch' });
    expect(second).toBe(first);
  });

  it('serialises the committed artifact back to the same bytes', () => {
    // Act
    const text = serializeModel(committed());

    // Assess
    expect(text).toBe(readFileSync(modelArtifactPath, 'utf8'));
  });
});

describe('scoreWithModel', () => {
  it('computes the logistic score and explains it with the three largest |contributions|, largest first', () => {
    // Prepare: contributions 0.5, -2, 1.5, 0.25, 1.5 (tie: feature order), 0, 0
    const model = handModel([1, -2, 3, 0.5, 1.5, 0, 0]);
    const features = featureSet({
      amountDeviation: 0.5,
      newVendor: 1,
      duplicateInvoiceNumber: 0.5,
      bankDetailsChanged: 0.5,
      roundAmount: 1,
    });

    // Act
    const result = scoreWithModel(model, features);

    // Assess: logit = -1 + 0.5 - 2 + 1.5 + 0.25 + 1.5 = 0.75
    expect(result.score).toBeCloseTo(1 / (1 + Math.exp(-0.75)), 4);
    expect(result.band).toBe('medium');
    expect(result.rationale).toEqual([
      { feature: 'newVendor', value: 1, contribution: -2, explanation: 'because newVendor' },
      {
        feature: 'duplicateInvoiceNumber',
        value: 0.5,
        contribution: 1.5,
        explanation: 'because duplicateInvoiceNumber',
      },
      { feature: 'roundAmount', value: 1, contribution: 1.5, explanation: 'because roundAmount' },
    ]);
    expect(result).toMatchObject({ modelVersion: 'vendor-risk@0.0.1', method: 'model', degraded: false });
    expect(result.degradedReason).toBeUndefined();
  });

  // With weight 1 and bias -1, logit = value - 1: the bands start at 1 + logit(0.3) ≈ 0.153 and 1 + logit(0.7) ≈ 1.847.
  it.each([
    [0.15, 'low'],
    [0.16, 'medium'],
    [1.84, 'medium'],
    [1.85, 'high'],
  ])('maps amountDeviation %d to the %s band', (value, band) => {
    // Prepare
    const model = handModel([1, 0, 0, 0, 0, 0, 0]);

    // Act
    const result = scoreWithModel(model, featureSet({ amountDeviation: value }));

    // Assess
    expect(result.band).toBe(band);
  });

  it('hashes the features with the model version as the input hash', () => {
    // Prepare
    const model = committed();
    const features = computeFeatures({ documentId: 'doc-new', invoice: invoice(), history: history(4) });

    // Act
    const result = scoreWithModel(model, features);

    // Assess
    expect(result.inputHash).toBe(hashJson({ features: features.values, modelVersion: 'vendor-risk@1.0.0' }));
    expect(
      scoreWithModel(
        model,
        computeFeatures({
          documentId: 'doc-new',
          invoice: invoice({ total: field('9000.00') }),
          history: history(4),
        }),
      ).inputHash,
    ).not.toBe(result.inputHash);
  });
});

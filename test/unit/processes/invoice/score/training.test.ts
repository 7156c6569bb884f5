import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeFeatures,
  type FeatureName,
} from '../../../../../lambdas/processes/invoice/score/features.ts';
import { serializeModel, validateModel } from '../../../../../lambdas/processes/invoice/score/model.ts';
import {
  accuracy,
  auc,
  fitLogistic,
} from '../../../../../lambdas/processes/invoice/score/training/logistic.ts';
import { Random } from '../../../../../lambdas/processes/invoice/score/training/prng.ts';
import {
  generateInvoices,
  type Scheme,
} from '../../../../../lambdas/processes/invoice/score/training/synthetic.ts';
import {
  defaultTrainingOptions,
  modelArtifactPath,
  trainVendorRiskModel,
} from '../../../../../lambdas/processes/invoice/score/training/train.ts';

describe('trainVendorRiskModel', () => {
  it('reproduces the committed artifact byte for byte', () => {
    // Act
    const first = serializeModel(trainVendorRiskModel());
    const second = serializeModel(trainVendorRiskModel());

    // Assess
    expect(second).toBe(first);
    expect(first).toBe(readFileSync(modelArtifactPath, 'utf8'));
  });

  it('produces a valid, useful model whose seed matters', () => {
    // Act
    const model = trainVendorRiskModel();
    const reseeded = trainVendorRiskModel({ ...defaultTrainingOptions, seed: 7 });

    // Assess
    expect(validateModel(model).ok).toBe(true);
    expect(model.training.holdout.auc).toBeGreaterThan(0.9);
    expect(model.training.holdout.accuracy).toBeGreaterThan(0.85);
    expect(model.features.every((f) => f.weight > 0)).toBe(true);
    expect(reseeded.checksum).not.toBe(model.checksum);
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    // Prepare
    const a = new Random(42);
    const b = new Random(42);

    // Act
    const first = Array.from({ length: 1000 }, () => a.next());
    const second = Array.from({ length: 1000 }, () => b.next());

    // Assess
    expect(second).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Random(43).next()).not.toBe(first[0]);
  });
});

describe('synthetic invoices', () => {
  it('follow the documented story: about 22 % risky, each scheme showing its signal', () => {
    // Prepare
    const data = generateInvoices(4000, new Random(1));
    const rate = (scheme: Scheme, feature: FeatureName) => {
      const group = data.filter((d) => d.scheme === scheme);
      return group.filter((d) => computeFeatures(d.input).values[feature] > 0).length / group.length;
    };

    // Act
    const riskyShare = data.filter((d) => d.risky).length / data.length;

    // Assess
    expect(riskyShare).toBeGreaterThan(0.19);
    expect(riskyShare).toBeLessThan(0.25);
    expect(rate('bank-change', 'bankDetailsChanged')).toBeGreaterThan(0.5);
    expect(rate('routine', 'bankDetailsChanged')).toBeLessThan(0.05);
    expect(rate('duplicate', 'duplicateInvoiceNumber')).toBeGreaterThan(0.8);
    expect(rate('routine', 'duplicateInvoiceNumber')).toBeLessThan(0.02);
    expect(rate('fake-vendor', 'newVendor')).toBeGreaterThan(0.7);
  });
});

describe('logistic regression helpers', () => {
  it.each<[string, number[], boolean[], number]>([
    ['perfect ranking', [0.1, 0.2, 0.8, 0.9], [false, false, true, true], 1],
    ['reversed ranking', [0.9, 0.8, 0.2, 0.1], [false, false, true, true], 0],
    ['all tied', [0.5, 0.5, 0.5, 0.5], [false, true, false, true], 0.5],
    ['one swap of four pairs', [0.1, 0.6, 0.5, 0.9], [false, false, true, true], 0.75],
  ])('computes AUC for %s', (_, scores, labels, expected) => {
    // Act, Assess
    expect(auc(scores, labels)).toBeCloseTo(expected, 10);
  });

  it('fits a weight of the right sign and separates a toy problem', () => {
    // Prepare: the label follows the first column; the second is noise
    const rows = [
      [-1, 0.3],
      [-0.5, -0.2],
      [-0.2, 0.1],
      [0.2, -0.1],
      [0.6, 0.2],
      [1, -0.3],
    ];
    const labels = [0, 0, 0, 1, 1, 1];

    // Act
    const fit = fitLogistic(rows, labels, { epochs: 500, learningRate: 0.5, l2: 0 });
    const scores = rows.map(
      ([x, z]) =>
        1 / (1 + Math.exp(-(fit.bias + (fit.weights[0] ?? 0) * (x ?? 0) + (fit.weights[1] ?? 0) * (z ?? 0)))),
    );

    // Assess
    expect(fit.weights[0]).toBeGreaterThan(2);
    expect(Math.abs(fit.weights[1] ?? 0)).toBeLessThan(fit.weights[0] ?? 0);
    expect(
      accuracy(
        scores,
        labels.map((y) => y === 1),
      ),
    ).toBe(1);
  });
});

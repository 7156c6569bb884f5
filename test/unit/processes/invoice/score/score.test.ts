import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScoringInput } from '../../../../../lambdas/processes/invoice/score/features.ts';
import { heuristicVersion } from '../../../../../lambdas/processes/invoice/score/heuristic.ts';
import type { VendorRiskModel } from '../../../../../lambdas/processes/invoice/score/model.ts';
import {
  bundledModelSource,
  type ModelSource,
  staticModelSource,
} from '../../../../../lambdas/processes/invoice/score/model-source.ts';
import { scoreVendorRisk } from '../../../../../lambdas/processes/invoice/score/score.ts';
import { modelArtifactPath } from '../../../../../lambdas/processes/invoice/score/training/train.ts';
import { field, history, invoice } from './builders.ts';

const committed = (): VendorRiskModel =>
  JSON.parse(readFileSync(modelArtifactPath, 'utf8')) as VendorRiskModel;

/** A source that counts how often it was asked. */
function countingSource(inner: ModelSource): ModelSource & { calls: number } {
  const source = {
    calls: 0,
    load: () => {
      source.calls++;
      return inner.load();
    },
  };
  return source;
}

const routine: ScoringInput = { documentId: 'doc-new', invoice: invoice(), history: history(6) };

// Paid to a new account, reusing a past number, 10× the usual total, a round amount.
const risky: ScoringInput = {
  documentId: 'doc-new',
  invoice: invoice({
    invoiceNumber: field('INV-2024-0103'),
    total: field('12000.00'),
    bankAccountHash: 'bank-new',
  }),
  history: history(6),
};

describe('scoreVendorRisk', () => {
  it('scores a complete invoice with the model', async () => {
    // Act
    const result = await scoreVendorRisk(routine, bundledModelSource);

    // Assess
    expect(result).toMatchObject({ method: 'model', degraded: false, modelVersion: 'vendor-risk@1.0.0' });
    expect(result.rationale).toHaveLength(3);
  });

  it.each<[string, ModelSource, RegExp]>([
    ['a checksum failure', staticModelSource({ ...committed(), bias: 3 }), /checksum mismatch/],
    ['a missing artifact', staticModelSource(undefined), /artifact is missing/],
    ['a source that throws', { load: () => Promise.reject(new Error('S3 unreachable')) }, /S3 unreachable/],
  ])('falls back to the heuristic on %s', async (_, source, reason) => {
    // Act
    const result = await scoreVendorRisk(routine, source);

    // Assess
    expect(result).toMatchObject({ method: 'heuristic', degraded: true, modelVersion: heuristicVersion });
    expect(result.degradedReason).toMatch(/^model cannot be loaded: /);
    expect(result.degradedReason).toMatch(reason);
  });

  it.each<[string, Partial<ScoringInput['invoice']>, RegExp]>([
    ['no vendor', { vendor: null }, /no vendor/],
    ['a blank vendor', { vendor: field('   ') }, /no vendor/],
    ['no total', { total: null }, /no usable total/],
    ['a zero total', { total: field('0.00') }, /no usable total/],
    ['an unreadable total', { total: field('12,00O') }, /no usable total/],
    [
      'a doubtful invoice number',
      { invoiceNumber: field('INV-2024-0107', 31) },
      /invoiceNumber confidence 31 below 50/,
    ],
  ])('uses the heuristic, without loading the model, for %s', async (_, overrides, reason) => {
    // Prepare
    const source = countingSource(bundledModelSource);

    // Act
    const result = await scoreVendorRisk({ ...routine, invoice: invoice(overrides) }, source);

    // Assess
    expect(result).toMatchObject({ method: 'heuristic', degraded: true });
    expect(result.degradedReason).toMatch(/^input too incomplete for the model: /);
    expect(result.degradedReason).toMatch(reason);
    expect(source.calls).toBe(0);
  });

  it.each<[string, ModelSource]>([
    ['model', bundledModelSource],
    ['heuristic', staticModelSource(undefined)],
  ])('rates a clearly risky invoice high and a routine one low (%s)', async (method, source) => {
    // Act
    const high = await scoreVendorRisk(risky, source);
    const low = await scoreVendorRisk(routine, source);

    // Assess
    expect(high).toMatchObject({ method, band: 'high' });
    expect(high.score).toBeGreaterThanOrEqual(0.9);
    expect(high.rationale.map((c) => c.feature)).toContain('bankDetailsChanged');
    expect(high.rationale.every((c) => c.contribution > 0)).toBe(true);
    expect(low).toMatchObject({ method, band: 'low' });
    expect(low.score).toBeLessThan(0.1);
  });

  it('rates a first invoice from an unknown vendor above a routine one', async () => {
    // Act
    const first = await scoreVendorRisk({ ...routine, history: [] }, bundledModelSource);
    const known = await scoreVendorRisk(routine, bundledModelSource);

    // Assess
    expect(first.score).toBeGreaterThan(known.score);
    expect(first.rationale[0]?.feature).toBe('newVendor');
    expect(first.rationale[0]?.explanation).toBe('New vendor: no previous invoices on record');
  });
});

import type { Field, InvoiceHeader } from '../../../../../lambdas/processes/invoice/domain/invoice.ts';
import type { Contribution, ScoreResult } from '../../../../../lambdas/processes/invoice/domain/workflow.ts';
import {
  defaultRuleParameters,
  type InvoiceRuleParameters,
} from '../../../../../lambdas/processes/invoice/rules/parameters.ts';

/** Builders for the rules step's inputs: a clean, confident, low-risk invoice unless told otherwise. */

export const field = (value: string, confidence = 99): Field => ({ value, confidence });

export function invoice(overrides: Partial<InvoiceHeader> = {}): InvoiceHeader {
  return {
    vendor: field('Umbrella Supplies Ltd.'),
    invoiceNumber: field('INV-1001'),
    invoiceDate: field('2024-03-01'),
    dueDate: null,
    currency: field('USD'),
    subtotal: field('400.00'),
    tax: field('100.00'),
    total: field('500.00'),
    bankAccountHash: null,
    pageCount: 1,
    warnings: [],
    lineItemCount: 2,
    ...overrides,
  };
}

export const contribution = (feature: string, value: number, points = 1): Contribution => ({
  feature,
  value,
  contribution: points,
  explanation: `${feature} = ${value}`,
});

export function score(overrides: Partial<ScoreResult> = {}): ScoreResult {
  const rationale = overrides.rationale ?? [contribution('vendorAgeDays', 400, -0.8)];
  return {
    score: 0.05,
    band: 'low',
    rationale,
    features: Object.fromEntries(rationale.map((c) => [c.feature, c.value])),
    modelVersion: 'vendor-risk@1+abcdef12',
    method: 'model',
    degraded: false,
    inputHash: 'f'.repeat(64),
    ...overrides,
  };
}

export function parameters(overrides: Partial<InvoiceRuleParameters> = {}): InvoiceRuleParameters {
  return { ...defaultRuleParameters, ...overrides };
}

import { describe, expect, it } from 'vitest';
import {
  belowThreshold,
  maxReadValue,
  maxWarnings,
  readField,
  readFieldsOf,
  readWarnings,
} from '../../../../lambdas/platform/shared/read-fields.ts';

describe('read fields as the audit trail keeps them', () => {
  it('caps long values and rounds confidences, so an event never carries a text dump', () => {
    // Act
    const field = readField({
      name: 'vendor',
      label: 'Vendor',
      value: 'x'.repeat(5000),
      confidence: 83.3149,
    });
    // Assess
    expect(field.value).toHaveLength(maxReadValue);
    expect(field.value?.endsWith('…')).toBe(true);
    expect(field.confidence).toBe(83.31);
    expect(field).not.toHaveProperty('threshold');
  });

  it('keeps at most 20 warnings, each capped', () => {
    const warnings = readWarnings(Array.from({ length: 30 }, (_, i) => `${i} ${'w'.repeat(400)}`));
    expect(warnings).toHaveLength(maxWarnings);
    expect(warnings.every((w) => w.length <= 300)).toBe(true);
  });

  it.each([
    { confidence: 83.31, threshold: 90, below: true },
    { confidence: 90, threshold: 90, below: false },
    { confidence: null, threshold: 80, below: true },
    { confidence: 10, threshold: undefined, below: false },
  ])('marks $confidence against $threshold as below: $below', ({ confidence, threshold, below }) => {
    const field = {
      name: 'total',
      label: 'Total',
      value: confidence === null ? null : '1.00',
      confidence,
      ...(threshold === undefined ? {} : { threshold }),
    };
    expect(belowThreshold(field)).toBe(below);
  });

  it('reads fields back from an event’s details, and nothing from details of another shape', () => {
    const fields = [{ name: 'total', label: 'Total', value: '1.00', confidence: 95, threshold: 90 }];
    expect(readFieldsOf({ fields, warnings: ['a', 3] })).toEqual({ fields, warnings: ['a'] });
    expect(readFieldsOf({ fields })).toEqual({ fields, warnings: [] });
    expect(readFieldsOf({ fields: [{ name: 'total' }] })).toBeUndefined();
    expect(readFieldsOf({ confidences: { total: 95 } })).toBeUndefined();
    expect(readFieldsOf(undefined)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { isValidIban } from '../../../../../lambdas/processes/invoice/samples/iban.ts';
import {
  languages,
  layouts,
  validateSpec,
} from '../../../../../lambdas/processes/invoice/samples/invoice-spec.ts';
import { seededRandom } from '../../../../../lambdas/processes/invoice/samples/prng.ts';
import { randomInvoiceSpec } from '../../../../../lambdas/processes/invoice/samples/random-spec.ts';
import { wordPools } from '../../../../../lambdas/processes/invoice/samples/sample-words.ts';

const seeds = Array.from({ length: 200 }, (_, i) => i + 1);

describe('seededRandom', () => {
  it('draws the same sequence for the same seed, another for another seed', () => {
    // Act
    const draw = (seed: number | string) => Array.from({ length: 5 }, seededRandom(seed).next);

    // Assess
    expect(draw(42)).toEqual(draw(42));
    expect(draw('de-42')).toEqual(draw('de-42'));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    // Prepare
    const random = seededRandom(7);

    // Act
    const values = new Set(Array.from({ length: 500 }, () => random.int(1, 6)));

    // Assess
    expect([...values].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('randomInvoiceSpec', () => {
  it('is deterministic', () => {
    // Act / Assess
    expect(randomInvoiceSpec(99)).toEqual(randomInvoiceSpec(99));
  });

  it('draws valid specs across every language and layout', () => {
    // Act
    const specs = seeds.map((seed) => randomInvoiceSpec(seed));

    // Assess
    for (const spec of specs) expect(() => validateSpec(spec)).not.toThrow();
    expect(new Set(specs.map((s) => s.language))).toEqual(new Set(languages));
    expect(new Set(specs.map((s) => s.layout))).toEqual(new Set(layouts));
    expect(specs.some((s) => s.dueDate === undefined)).toBe(true);
    expect(specs.some((s) => s.iban === undefined)).toBe(true);
  });

  it('draws IBANs with valid check digits', () => {
    // Act
    const ibans = seeds.flatMap((seed) => randomInvoiceSpec(seed).iban ?? []);

    // Assess
    expect(ibans.length).toBeGreaterThan(100);
    for (const iban of ibans) expect(isValidIban(iban)).toBe(true);
  });

  it('applies a language override before choosing words', () => {
    // Act
    const spec = randomInvoiceSpec(5, { language: 'de', layout: 'columns' });

    // Assess
    expect(spec.language).toBe('de');
    expect(spec.layout).toBe('columns');
    for (const line of spec.lineItems) expect(wordPools.de.goods).toContain(line.description);
  });

  it('keeps every other draw when one field is overridden', () => {
    // Act
    const plain = randomInvoiceSpec(8);
    const overridden = randomInvoiceSpec(8, { invoiceNumber: 'X-1' });

    // Assess
    expect({ ...overridden, invoiceNumber: plain.invoiceNumber }).toEqual(plain);
  });

  it('puts the due date after the invoice date', () => {
    // Act
    const specs = seeds.map((seed) => randomInvoiceSpec(seed)).filter((s) => s.dueDate !== undefined);

    // Assess
    for (const spec of specs) expect((spec.dueDate ?? '') > spec.invoiceDate).toBe(true);
  });
});

describe('isValidIban', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['DE89370400440532013001', false],
    ['GB82WEST12345698765432', true],
    ['not an iban', false],
  ])('%s is %s', (iban, valid) => {
    // Act / Assess
    expect(isValidIban(iban)).toBe(valid);
  });
});

import type { InvoiceSpec } from './invoice-spec.ts';
import { randomInvoiceSpec } from './random-spec.ts';

/**
 * An invoice every reader takes at high confidence: the inline layout and a vendor with its legal form.
 * The demo and the CI smoke drop it and expect it to complete; a drawn layout or a vendor without a legal
 * form sometimes reads below the rules' confidence thresholds and, rightly, goes to a person. One bank
 * account too: a second drop into the same data dir must not read as the vendor's bank details changing.
 */
export function cleanInvoiceSpec(seed: string, overrides: Partial<InvoiceSpec> = {}): InvoiceSpec {
  return randomInvoiceSpec(seed, {
    language: 'en',
    currency: 'EUR',
    layout: 'inline',
    vendor: { name: 'Northwind Consulting Ltd', addressLines: ['12 Harbour Street', 'Bristol'] },
    iban: 'GB82WEST12345698765432',
    ...overrides,
  });
}

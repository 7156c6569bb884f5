import type { InvoiceSpec } from './invoice-spec.ts';
import { lookalikeWords } from './lookalike-words.ts';
import { seededRandom } from './prng.ts';
import { randomInvoiceSpec } from './random-spec.ts';
import { wordPools } from './sample-words.ts';

/**
 * A random invoice whose customer is a company like the vendor (a trade name with a legal form, from
 * the same pools, never the vendor's), with a customer number, a band of words for the layouts that
 * print one, and half the time a discount (at 20 % or more the subtotal exceeds the total). Drawn
 * from a stream of its own, so the rest is `randomInvoiceSpec(seed, overrides)` unchanged.
 *
 * @example lookalikeInvoiceSpec(7, { layout: 'window-right' }).customer.name // 'Keller Bau GmbH'
 */
export function lookalikeInvoiceSpec(
  seed: number | string,
  overrides: Partial<InvoiceSpec> = {},
): InvoiceSpec {
  const base = randomInvoiceSpec(seed, overrides);
  const random = seededRandom(`lookalike-${seed}`);
  const words = wordPools[base.language];
  const others = words.surnames.filter((s) => !base.vendor.name.startsWith(s));
  const name = `${random.pick(others)} ${random.pick(words.trades)} ${random.pick(words.legalForms)}`;
  const customerNumber = String(random.int(10000, 99999));
  const headerBand = random.pick(lookalikeWords[base.language].bands);
  const discount = random.chance(0.5) ? random.pick([500, 1000, 2000, 2500]) : 0;
  return {
    ...base,
    customer: { ...base.customer, name },
    customerNumber,
    headerBand,
    ...(discount === 0 ? {} : { discountBasisPoints: discount }),
    ...overrides,
  };
}

import type { Field, InvoiceHeader } from '../../domain/invoice.ts';
import type { VendorInvoice } from '../../domain/vendors.ts';
import type { ScoringInput } from '../features.ts';
import type { Random } from './prng.ts';

/**
 * Synthetic labelled invoices for training the vendor-risk model. No real invoices are involved:
 * the labels come from this generative story, which is the model's documented prior.
 *
 * Each sample is one vendor and one new invoice:
 * - The vendor has a typical invoice size (log-normal around 1,500), a usual currency, a bank
 *   account, and 1–24 past invoices (about one in ten vendors has none). Past totals scatter ±25 %
 *   around the typical size; a few are round retainers or in another currency.
 * - A routine invoice (78 %) looks like its past: similar total, same bank (or none shown), a fresh
 *   number, high extraction confidence. Honest oddities happen: a large order, a round amount, a
 *   genuine bank change, a re-sent number, a poor scan.
 * - A risky invoice (22 %) follows one scheme: bank-change fraud (new bank details, slightly
 *   inflated), duplicate billing (a past number, often its past total), an inflated amount
 *   (2.5–20×, often round), or a fake vendor (no history, round amounts, poorer scans).
 */
export const generatorVersion = 'synthetic-invoices@1';

export type Scheme = 'routine' | 'bank-change' | 'duplicate' | 'inflated' | 'fake-vendor';

export interface LabelledInvoice {
  readonly input: ScoringInput;
  readonly risky: boolean;
  readonly scheme: Scheme;
}

const currencies = [
  ['EUR', 0.6],
  ['USD', 0.25],
  ['GBP', 0.15],
] as const;

export function generateInvoices(count: number, random: Random): LabelledInvoice[] {
  return Array.from({ length: count }, (_, i) => generateOne(i, random));
}

function generateOne(i: number, random: Random): LabelledInvoice {
  const scheme: Scheme = random.chance(0.22)
    ? random.weighted<Scheme>([
        ['bank-change', 0.35],
        ['duplicate', 0.25],
        ['inflated', 0.2],
        ['fake-vendor', 0.2],
      ])
    : 'routine';
  const typical = Math.exp(random.normal(Math.log(1500), 1));
  const usual = random.weighted(currencies);
  const other = usual === 'EUR' ? 'USD' : 'EUR';
  const bank = `bank-${i}-a`;

  let historyLength = random.chance(0.1) ? 0 : random.int(1, 24);
  if (scheme === 'duplicate') historyLength = Math.max(1, historyLength);
  if (scheme === 'fake-vendor') historyLength = random.chance(0.75) ? 0 : random.int(1, 2);
  const history: VendorInvoice[] = Array.from({ length: historyLength }, (_, k) => {
    const retainer = random.chance(0.1);
    const cents = toCents(typical * Math.exp(random.normal(0, 0.25)));
    const day = dayOf(k);
    return {
      vendorId: `vendor-${i}`,
      recordKey: `INV#${day}#doc-${i}-${k}`,
      documentId: `doc-${i}-${k}`,
      invoiceNumber: `INV-${i}-${1000 + k}`,
      invoiceDate: day,
      total: money(retainer ? roundTo(cents, 10_000) : cents),
      currency: random.chance(0.03) ? other : usual,
      bankAccountHash: random.chance(0.15) ? null : scheme === 'fake-vendor' ? `bank-${i}-old` : bank,
      recordedAt: `${day}T12:00:00.000Z`,
    };
  });

  // Routine defaults, then each scheme bends the parts it is about.
  let cents = toCents(typical * Math.exp(random.normal(0, 0.3)));
  if (random.chance(0.03)) cents = toCents((cents / 100) * random.uniform(2.5, 6));
  let round = random.chance(0.08) ? 10_000 : 0;
  let number = `INV-${i}-${1000 + historyLength}`;
  if (random.chance(0.01)) number = pastNumber(history, random) ?? number;
  let currency: string = random.chance(0.03) ? other : usual;
  let bankAccountHash: string | null = random.chance(0.25)
    ? null
    : random.chance(0.03)
      ? `bank-${i}-b`
      : bank;
  const confidence = [random.uniform(85, 99.9), random.uniform(85, 99.9), random.uniform(85, 99.9)];
  let poorScan = random.chance(0.1);

  switch (scheme) {
    case 'bank-change':
      bankAccountHash = random.chance(0.9) ? `bank-${i}-b` : null;
      cents = toCents((cents / 100) * Math.exp(random.normal(0.2, 0.4)));
      if (random.chance(0.25)) round = random.chance(0.5) ? 100_000 : 10_000;
      if (random.chance(0.15)) currency = other;
      break;
    case 'duplicate':
      if (random.chance(0.85)) {
        const past = history[random.int(0, history.length - 1)];
        number = past?.invoiceNumber ?? number;
        if (past?.total && random.chance(0.6)) cents = toCents(Number(past.total));
      }
      break;
    case 'inflated':
      cents = toCents((cents / 100) * Math.exp(random.uniform(Math.log(2.5), Math.log(20))));
      if (random.chance(0.4)) round = random.chance(0.5) ? 100_000 : 10_000;
      break;
    case 'fake-vendor':
      bankAccountHash = `bank-${i}-new`;
      if (random.chance(0.6)) round = random.chance(0.6) ? 100_000 : 10_000;
      poorScan = poorScan || random.chance(0.4);
      break;
    case 'routine':
      break;
  }
  if (scheme !== 'routine' && random.chance(0.15)) poorScan = true;
  if (poorScan) confidence[random.int(0, 2)] = random.uniform(35, 85);
  if (round > 0) cents = Math.max(round, roundTo(cents, round));

  const field = (value: string, c: number): Field => ({ value, confidence: Math.round(c * 10) / 10 });
  const invoice: InvoiceHeader = {
    vendor: field(`Vendor ${i}`, confidence[0] ?? 0),
    invoiceNumber: field(number, confidence[1] ?? 0),
    invoiceDate: field(dayOf(historyLength), 95),
    dueDate: null,
    currency: field(currency, 97),
    subtotal: null,
    tax: null,
    total: field(money(cents), confidence[2] ?? 0),
    bankAccountHash,
    pageCount: 1,
    warnings: [],
    lineItemCount: 1,
  };
  return { input: { documentId: `doc-${i}-new`, invoice, history }, risky: scheme !== 'routine', scheme };
}

function pastNumber(history: readonly VendorInvoice[], random: Random): string | null {
  if (history.length === 0) return null;
  return history[random.int(0, history.length - 1)]?.invoiceNumber ?? null;
}

function toCents(amount: number): number {
  return Math.max(100, Math.round(amount * 100));
}

function roundTo(cents: number, step: number): number {
  return Math.round(cents / step) * step;
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** The 15th of the month `k` months after January 2023, so history sorts oldest first by record key. */
const days = Array.from({ length: 26 }, (_, k) => new Date(Date.UTC(2023, k, 15)).toISOString().slice(0, 10));

function dayOf(k: number): string {
  return days[k] ?? '2025-03-15';
}

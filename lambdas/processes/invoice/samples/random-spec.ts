import { type IbanCountry, randomIban } from './iban.ts';
import {
  type CurrencyCode,
  type InvoiceLine,
  type InvoiceSpec,
  type Language,
  languages,
  layouts,
  type Party,
} from './invoice-spec.ts';
import { type Random, seededRandom } from './prng.ts';
import { currencyPool, taxRatesFor, type WordPool, wordPools } from './sample-words.ts';

/**
 * A random but reproducible invoice for tests and benchmarks. Every draw happens in a fixed order
 * whatever the overrides, and the language and currency overrides are applied before the words are
 * chosen, so `randomInvoiceSpec(7, { language: 'de' })` is a German invoice through and through.
 *
 * @example randomInvoiceSpec(7, { layout: 'columns' }).layout // 'columns'
 */
export function randomInvoiceSpec(seed: number | string, overrides: Partial<InvoiceSpec> = {}): InvoiceSpec {
  const random = seededRandom(seed);
  const drawnLanguage = random.pick(languages);
  const drawnLayout = random.pick(layouts);
  const language = overrides.language ?? drawnLanguage;
  const words = wordPools[language];
  const layout = overrides.layout ?? drawnLayout;
  const drawnCurrency = random.pick(
    currencyPool(words, language, layout !== 'inline' && layout !== 'columns'),
  );
  const currency = overrides.currency ?? drawnCurrency;
  const invoiceDate = addDays('2024-01-01', random.int(0, 1000));
  const dueInDays = random.pick([0, 14, 14, 30, 30, 45]);
  const spec: InvoiceSpec = {
    vendor: party(random, language, `${random.pick(words.surnames)} ${random.pick(words.trades)}`),
    customer: party(random, language, random.pick(words.customers)),
    invoiceNumber: invoiceNumber(random, random.pick(words.idShapes), invoiceDate),
    invoiceDate,
    ...(dueInDays === 0 ? {} : { dueDate: addDays(invoiceDate, dueInDays) }),
    currency,
    lineItems: lineItems(random, words),
    taxRateBasisPoints: random.pick(taxRatesFor(language, currency)),
    ...(random.chance(0.75) ? { iban: randomIban(random, ibanCountry(language, currency)) } : {}),
    language,
    layout: drawnLayout,
  };
  return { ...spec, ...overrides };
}

function party(random: Random, language: Language, baseName: string): Party {
  const words: WordPool = wordPools[language];
  const withForm = random.chance(0.85) ? `${baseName} ${random.pick(words.legalForms)}` : baseName;
  const number = String(random.int(1, 180));
  const street = random.pick(words.streets);
  // English and French addresses put the number first (`12 rue de la Paix`), the others after (`Hauptstraße 12`).
  const streetLine = language === 'en' || language === 'fr' ? `${number} ${street}` : `${street} ${number}`;
  return { name: withForm, addressLines: [streetLine, random.pick(words.cities)] };
}

function invoiceNumber(random: Random, shape: string, invoiceDate: string): string {
  return [...shape]
    .map((c) => (c === '#' ? String(random.int(0, 9)) : c === 'Y' ? invoiceDate.slice(0, 4) : c))
    .join('');
}

function lineItems(random: Random, words: WordPool): InvoiceLine[] {
  const count = random.int(1, 6);
  const goods = [...words.goods];
  return Array.from({ length: count }, () => {
    const [description = 'Service'] = goods.splice(random.int(0, goods.length - 1), 1);
    return {
      description,
      quantity: random.chance(0.5) ? 1 : random.int(2, 24),
      // Prices from 5.00 to 2,500.00, sometimes round, sometimes with cents.
      unitPriceCents: random.int(5, 2500) * 100 + (random.chance(0.5) ? 0 : random.int(1, 99)),
    };
  });
}

function ibanCountry(language: Language, currency: CurrencyCode): IbanCountry {
  if (currency === 'CHF') return 'CH';
  if (currency === 'INR') return 'GB';
  return ({ en: 'GB', de: 'DE', fr: 'FR', nl: 'NL', es: 'ES', it: 'IT', pt: 'PT', pl: 'PL' } as const)[
    language
  ];
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

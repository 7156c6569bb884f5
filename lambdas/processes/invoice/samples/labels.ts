import type { InvoiceLabels } from './invoice-labels.ts';
import type { Language, LayoutVariant } from './invoice-spec.ts';
import { columnLabels } from './labels-columns.ts';
import { inlineLabels } from './labels-inline.ts';

/** The two label sets of each language; the newer layouts reuse one of them (see `layoutLabels`). */
export type LabelSet = 'inline' | 'columns';
type LabelTable = Readonly<Record<Language, Readonly<Record<LabelSet, InvoiceLabels>>>>;

/** The labels a layout prints. */
export function layoutLabels(language: Language, layout: LayoutVariant): InvoiceLabels {
  const columns = layout === 'columns' || layout === 'right-column' || layout === 'window-right';
  return invoiceLabels[language][columns ? 'columns' : 'inline'];
}

export const invoiceLabels: LabelTable = {
  en: { inline: inlineLabels.en, columns: columnLabels.en },
  de: { inline: inlineLabels.de, columns: columnLabels.de },
  fr: { inline: inlineLabels.fr, columns: columnLabels.fr },
  nl: { inline: inlineLabels.nl, columns: columnLabels.nl },
  es: { inline: inlineLabels.es, columns: columnLabels.es },
  it: { inline: inlineLabels.it, columns: columnLabels.it },
  pt: { inline: inlineLabels.pt, columns: columnLabels.pt },
  pl: { inline: inlineLabels.pl, columns: columnLabels.pl },
};

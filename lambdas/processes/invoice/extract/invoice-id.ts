import { labelTokens, leadingLabel, leadingTitle } from './labels.ts';

/**
 * Invoice ids as printed, without what Textract or a title line puts in front of them: the label
 * (`Invoice #1258`, `Factuurnummer 2024-17`, `N° de facture F-12`) or the document's name
 * (`Invoice 1258`, `Facture n°123`). The id itself keeps its characters; spacing is collapsed.
 *
 * @example readInvoiceId('Invoice #1258') // '1258'
 */
export function readInvoiceId(value: string): string | null {
  const words = value.replace(/\s+/gu, ' ').trim().split(' ');
  const tokens = labelTokens(words);
  const texts = tokens.map((t) => t.text);
  const title = leadingTitle(texts);
  const label = leadingLabel(texts.slice(title), (field) => field === 'invoiceNumber');
  const start = title + (label?.tokens ?? 0);
  const rest = tokens.slice(start);
  const id = rest
    .map((t, i) => (i > 0 && t.part === 2 && rest[i - 1]?.word === t.word ? t.text : ` ${t.text}`))
    .join('')
    .trim()
    .replace(/^[#№:]\s*/u, '')
    .trim();
  return id === '' || (start > 0 && !/[\p{N}]/u.test(id)) ? null : id;
}

import { parseAmountCents } from './amounts.ts';
import { identityTies, issuerTies, pageContext, registrationLabel } from './issuer-ties.ts';
import {
  hasLegalForm,
  isDocumentTitle,
  labelField,
  labelTokens,
  leadingLabel,
  leadingTitle,
} from './labels.ts';
import { recipientLines } from './recipient.ts';
import { height, type TextLine } from './text-blocks.ts';
import { isAddressLine } from './vendor-name.ts';

export type { TextLine } from './text-blocks.ts';

/**
 * Who issued the invoice, from the page's lines alone: the issuer block is near the top, its name
 * often ends in a legal form (`B.V.`, `GmbH`, `sp. z o.o.`), and the block carries a VAT or
 * registration number, an e-mail address or a web site whose domain echoes the name. A line that
 * names the document (`FACTUUR`, `Kopie factuur`, `Invoice 1258`) is never the issuer, nor is the
 * customer's block. The local extractor and the normaliser (when Textract names no vendor) share it.
 */

export interface IssuerName {
  readonly name: string;
  /** Index of the line the name was read from. */
  readonly line: number;
  readonly confidence: number;
}

export interface IssuerOptions {
  /** Lines that belong to the customer or the table: never the issuer. */
  readonly exclude?: ReadonlySet<number>;
  /** The page's height, in the lines' unit. @default the lowest line's bottom */
  readonly pageHeight?: number;
}

const contact = /@|\bwww\.|https?:|\b(?:tel|phone|fax|telefoon|telefon|t[ée]l[ée]phone)\b/iu;

/** Evidence that a line names the issuer, and what each piece is worth. */
const weights = {
  legalForm: 3,
  vendorLabel: 4,
  domain: 2.5,
  registration: 1.5,
  bankAccount: 1,
  aboveTitle: 0.5,
  contactBlock: 1,
  largest: 2,
  top: 1,
  firstOfBlock: 0.5,
  strippedTitle: -1.5,
} as const;

export function issuerName(lines: readonly TextLine[], options: IssuerOptions = {}): IssuerName | null {
  if (lines.length === 0) return null;
  const exclude = new Set([...(options.exclude ?? []), ...recipientLines(lines)]);
  const pageHeight = options.pageHeight ?? Math.max(...lines.map((l) => l.bottom));
  const page = pageContext(lines);
  const maxHeight = Math.max(...lines.map(height));
  const scored = lines.flatMap((line, index) => {
    if (exclude.has(index) || line.top > 0.6 * pageHeight || besideAnAmount(lines, index)) return [];
    const name = candidateName(line.text);
    if (name === null) return [];
    const block = page.blocks[index] ?? [index];
    const ties = issuerTies(lines, index, name.text, page);
    const legalForm = hasLegalForm(name.text);
    let score = 0;
    if (legalForm) score += weights.legalForm;
    if (ties.vendorLabel) score += weights.vendorLabel;
    if (ties.domain) score += weights.domain;
    if (ties.registration) score += weights.registration;
    if (ties.bankAccount) score += weights.bankAccount;
    if (ties.aboveTitle) score += weights.aboveTitle;
    if (block.some((i) => contact.test(lines[i]?.text ?? ''))) score += weights.contactBlock;
    score += weights.largest * (height(line) / maxHeight);
    score += weights.top * (1 - line.top / pageHeight);
    if (block[0] === index) score += weights.firstOfBlock;
    if (name.stripped) score += weights.strippedTitle;
    return [{ index, name: name.text, score, tied: identityTies(ties) > 0, legalForm, line }];
  });
  scored.sort((a, b) => b.score - a.score || a.line.top - b.line.top);
  const [best, second] = scored;
  if (best === undefined) return null;
  // A tie to the issuer (a seller label, its domain, its VAT number) makes a name likely; a legal form
  // alone names a company, the customer as well as the issuer; size and position alone make a guess.
  let confidence = best.tied ? 96 : best.legalForm ? 85 : 72;
  if (second !== undefined && second.score > best.score - 1) confidence -= 15;
  if (best.name !== best.line.text.trim()) confidence -= 5;
  return {
    name: best.name,
    line: best.index,
    confidence: Math.round(confidence * ((best.line.confidence ?? 99) / 99) * 100) / 100,
  };
}

/**
 * The line as a name: a trailing document word dropped (`Acme Invoice`); null for a title, a label,
 * an address, a contact or a registration line.
 */
export function candidateName(text: string): { text: string; stripped: boolean } | null {
  const trimmed = text.replace(/\s+/gu, ' ').trim();
  if (!/\p{L}{2}/u.test(trimmed) || isDocumentTitle(trimmed)) return null;
  if (contact.test(trimmed) || registrationLabel.test(trimmed)) return null;
  if (isAddressLine(trimmed)) return null;
  const words = trimmed.split(' ');
  const tokens = labelTokens(words).map((t) => t.text);
  const lead = leadingLabel(tokens);
  // `Total: 12,00`, `Invoice no 17`: a label and its value; `Vendor Co`, `Total Logistics Ltd` are names.
  if (
    lead !== null &&
    (tokens[lead.tokens - 1]?.endsWith(':') || /\d/u.test(tokens.slice(lead.tokens).join(' ')))
  )
    return null;
  if (
    labelField(trimmed) !== null ||
    (trimmed.includes(':') && labelField(trimmed.split(':')[0] ?? '') !== null)
  )
    return null;
  if (trimmed.endsWith(':')) return null;
  if (leadingTitle(tokens) > 0) return null;
  // `Acme Supplies Invoice`: a trailing document word is dropped, the rest may be the name.
  for (let n = 1; n < words.length; n++) {
    if (isDocumentTitle(words.slice(n).join(' '))) {
      const rest = words.slice(0, n).join(' ');
      return /\p{L}{2}/u.test(rest) ? { text: rest, stripped: true } : null;
    }
  }
  return { text: trimmed, stripped: false };
}

/** `Net after discount   800.00`: a line with an amount beside it is a label the lexicons lack, not a name. */
function besideAnAmount(lines: readonly TextLine[], index: number): boolean {
  const line = lines[index];
  if (line === undefined) return false;
  const h = height(line);
  return lines.some(
    (other, i) =>
      i !== index &&
      other.left >= line.right &&
      Math.abs((other.top + other.bottom) / 2 - (line.top + line.bottom) / 2) <= 0.5 * h &&
      /\d[.,]\d{2}\b/u.test(other.text) &&
      parseAmountCents(other.text) !== null,
  );
}

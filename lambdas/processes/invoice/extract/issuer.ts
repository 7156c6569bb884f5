import { normaliseLabel } from './label-text.ts';
import {
  hasLegalForm,
  isDocumentTitle,
  labelField,
  labelTokens,
  leadingLabel,
  leadingTitle,
} from './labels.ts';
import { isAddressLine } from './vendor-name.ts';

/**
 * Who issued the invoice, from the page's lines alone: the issuer block is near the top, its name
 * often ends in a legal form (`B.V.`, `GmbH`, `sp. z o.o.`), and the block carries a VAT or
 * registration number, an e-mail address or a web site whose domain echoes the name. A line that
 * names the document (`FACTUUR`, `Kopie factuur`, `Invoice 1258`) is never the issuer, nor is the
 * customer's block. The local extractor and the normaliser (when Textract names no vendor) share it.
 */

/** A line of text with its box, in any unit as long as all lines use the same (y grows downwards). */
export interface TextLine {
  readonly text: string;
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  /** How sure the reader is of the text (0–100). @default 99 */
  readonly confidence?: number;
}

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

const registration =
  /\b(?:vat|btw|tva|ust|mwst|iva|nip|regon|krs|kvk|siret|siren|rcs|gstin|cif|nif|nipc|p\s?\.?\s?iva|hrb|company\s+(?:no|number|reg)|reg(?:istration)?\s*(?:no|number)|tax\s+id|abn|uid)\b/iu;
const contact = /@|\bwww\.|https?:|\b(?:tel|phone|fax|telefoon|telefon|t[ée]l[ée]phone)\b/iu;
const domainPattern = /(?:@|www\.|https?:\/\/(?:www\.)?)([a-z0-9-]+(?:\.[a-z0-9-]+)*)\.[a-z]{2,}/iu;

/** Second-level labels that name no one (`co.uk`, `com.br`, `org.pl`). */
const genericLabels: ReadonlySet<string> = new Set([
  'co',
  'com',
  'org',
  'net',
  'gov',
  'ac',
  'edu',
  'ltd',
  'plc',
]);

/** Evidence that a line names the issuer, and what each piece is worth. */
const weights = {
  legalForm: 3,
  vendorLabel: 4,
  domain: 2.5,
  registrationBlock: 1.5,
  contactBlock: 1,
  largest: 2,
  top: 1,
  firstOfBlock: 0.5,
  strippedTitle: -1.5,
} as const;

export function issuerName(lines: readonly TextLine[], options: IssuerOptions = {}): IssuerName | null {
  if (lines.length === 0) return null;
  const exclude = options.exclude ?? new Set<number>();
  const pageHeight = options.pageHeight ?? Math.max(...lines.map((l) => l.bottom));
  const blocks = blocksOf(lines);
  const domains = lines.flatMap((l) => domainWords(l.text));
  const maxHeight = Math.max(...lines.map(height));
  const scored = lines.flatMap((line, index) => {
    if (exclude.has(index) || line.top > 0.6 * pageHeight) return [];
    const name = candidateName(line.text);
    if (name === null) return [];
    const block = blocks[index] ?? [index];
    const blockText = block.map((i) => lines[i]?.text ?? '');
    const evidence = {
      legalForm: hasLegalForm(name.text),
      vendorLabel: labelledAsVendor(lines, index),
      domain: domains.some((d) => echoes(name.text, d)),
      registrationBlock: blockText.some((t) => registration.test(t)),
      contactBlock: blockText.some((t) => contact.test(t)),
    };
    let score = 0;
    if (evidence.legalForm) score += weights.legalForm;
    if (evidence.vendorLabel) score += weights.vendorLabel;
    if (evidence.domain) score += weights.domain;
    if (evidence.registrationBlock) score += weights.registrationBlock;
    if (evidence.contactBlock) score += weights.contactBlock;
    score += weights.largest * (height(line) / maxHeight);
    score += weights.top * (1 - line.top / pageHeight);
    if (block[0] === index) score += weights.firstOfBlock;
    if (name.stripped) score += weights.strippedTitle;
    const strong = evidence.legalForm || evidence.vendorLabel || evidence.domain;
    return [{ index, name: name.text, score, strong, registered: evidence.registrationBlock, line }];
  });
  scored.sort((a, b) => b.score - a.score || a.line.top - b.line.top);
  const [best, second] = scored;
  if (best === undefined) return null;
  // Strong evidence makes a name likely; size and position alone make it a guess for a person to check.
  let confidence = best.strong ? 96 : best.registered ? 88 : 72;
  if (second !== undefined && second.score > best.score - 1) confidence -= 15;
  if (best.name !== best.line.text.trim()) confidence -= 5;
  return {
    name: best.name,
    line: best.index,
    confidence: Math.round(confidence * ((best.line.confidence ?? 99) / 99) * 100) / 100,
  };
}

/** A name from the issuer's domain (`info@brandt-logistik.de` → `brandt logistik`), for the last resort. */
export function domainWords(text: string): string[] {
  const match = domainPattern.exec(text);
  if (match?.[1] === undefined) return [];
  // `oakridge-supplies.co(.uk)`, `mail.brandt(.de)`: the name is the last label that is not a generic one.
  const labels = match[1].toLowerCase().split('.');
  while (labels.length > 1 && genericLabels.has(labels.at(-1) ?? '')) labels.pop();
  const host = labels.at(-1) ?? '';
  return host === '' ||
    ['gmail', 'outlook', 'hotmail', 'yahoo', 'mail', 'web', 'gmx', 'orange'].includes(host)
    ? []
    : [host];
}

/**
 * The line as a name: a trailing document word dropped (`Acme Invoice`); null for a title, a label,
 * an address, a contact or a registration line.
 */
export function candidateName(text: string): { text: string; stripped: boolean } | null {
  const trimmed = text.replace(/\s+/gu, ' ').trim();
  if (!/\p{L}{2}/u.test(trimmed) || isDocumentTitle(trimmed)) return null;
  if (contact.test(trimmed) || registration.test(trimmed)) return null;
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

/** `Seller:` / `Sprzedawca:` / `Van:` on the line above, or leading this one. */
function labelledAsVendor(lines: readonly TextLine[], index: number): boolean {
  const line = lines[index];
  if (line === undefined) return false;
  return lines.some((other, i) => {
    if (i === index) return false;
    const above =
      other.bottom <= line.top + 0.2 * height(line) && line.top - other.bottom < 1.5 * height(line);
    const aligned = Math.abs(other.left - line.left) < 2 * height(line);
    return above && aligned && labelField(other.text)?.field === 'vendor';
  });
}

/** Whether a name contains the words of a domain (`brandtlogistik` in `Brandt Logistik GmbH`). */
function echoes(name: string, domain: string): boolean {
  const letters = normaliseLabel(name).replace(/[^a-z0-9]/gu, '');
  const host = domain.replace(/[^a-z0-9]/gu, '');
  if (host.length < 3) return false;
  return letters.includes(host) || host.includes(letters.slice(0, Math.max(4, Math.min(letters.length, 8))));
}

/** For each line, the lines of its block: stacked close under one another, aligned left or right. */
function blocksOf(lines: readonly TextLine[]): (readonly number[])[] {
  const order = lines.map((_, i) => i).sort((a, b) => (lines[a]?.top ?? 0) - (lines[b]?.top ?? 0));
  const blockOf: number[][] = [];
  const open: number[][] = [];
  for (const i of order) {
    const line = lines[i];
    if (line === undefined) continue;
    const h = height(line);
    const block = open.find((b) => {
      const last = lines[b.at(-1) ?? -1];
      if (last === undefined) return false;
      const gap = line.top - last.bottom;
      const aligned =
        Math.abs(line.left - last.left) <= 1.5 * h || Math.abs(line.right - last.right) <= 1.5 * h;
      return gap >= -0.3 * h && gap <= 1.2 * Math.max(h, height(last)) && aligned;
    });
    if (block === undefined) {
      const created = [i];
      open.push(created);
      blockOf[i] = created;
    } else {
      block.push(i);
      blockOf[i] = block;
    }
  }
  return lines.map((_, i) => blockOf[i] ?? [i]);
}

function height(line: TextLine): number {
  return Math.max(1e-9, line.bottom - line.top);
}

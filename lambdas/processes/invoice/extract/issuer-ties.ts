import { normaliseLabel } from './label-text.ts';
import { isDocumentTitle, labelField, labelTokens, leadingTitle } from './labels.ts';
import { blocksOf, height, type TextLine } from './text-blocks.ts';

/**
 * What ties a name on a page to the invoice's issuer rather than to its customer: a seller label
 * (`Seller:`, `Van:`), a mail or web domain that echoes the name, a VAT or registration id in the
 * name's block or on a line that repeats the name (a letterhead's foot), a bank account in the
 * name's block or held in its name, and a place above the document's title. A legal form is no tie:
 * the customer is a company too.
 */

export interface IssuerTies {
  readonly vendorLabel: boolean;
  readonly domain: boolean;
  readonly registration: boolean;
  readonly bankAccount: boolean;
  readonly aboveTitle: boolean;
}

/** What a page says once, for every name asked about. */
export interface PageContext {
  readonly blocks: readonly (readonly number[])[];
  readonly domains: readonly string[];
  /** The document's title (`INVOICE`, `Rechnung Nr. 12 vom …`): the highest; null when none is printed. */
  readonly title: TextLine | null;
}

/** Labels of tax and company registrations; a line is an id only with the number after it. */
export const registrationLabel =
  /\b(?:vat|btw|tva|ust|mwst|iva|nip|regon|krs|kvk|siret|siren|rcs|gstin|cif|nif|nipc|p\s?\.?\s?iva|hrb|company\s+(?:no|number|reg)|reg(?:istration)?\s*(?:no|number)|tax\s+id|abn|uid)\b/iu;
const ibanPattern = /\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b/u;
const holderLabel =
  /\b(?:account\s+(?:name|holder)|beneficiary|kontoinhaber|empf[äa]nger|titulaire|begunstigde|ten name van|titular|intestatario|beneficiario|odbiorca|w[łl]a[śs]ciciel)\b/iu;
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
const mailHosts: ReadonlySet<string> = new Set([
  'gmail',
  'outlook',
  'hotmail',
  'yahoo',
  'mail',
  'web',
  'gmx',
  'orange',
]);

export function pageContext(lines: readonly TextLine[]): PageContext {
  const titles = lines.filter((l) => isTitleLine(l.text)).sort((a, b) => a.top - b.top);
  return {
    blocks: blocksOf(lines),
    domains: lines.flatMap((l) => domainWords(l.text)),
    title: titles[0] ?? null,
  };
}

/** The ties of the name read from line `index` (the name may be part of the line). */
export function issuerTies(
  lines: readonly TextLine[],
  index: number,
  name: string,
  page: PageContext = pageContext(lines),
): IssuerTies {
  const line = lines[index];
  const block = (page.blocks[index] ?? [index]).flatMap((i) => lines[i] ?? []);
  const repeats = (text: string) => letters(text).includes(letters(name)) && letters(name).length >= 4;
  return {
    vendorLabel: labelledAsVendor(lines, index),
    domain: page.domains.some((d) => echoes(name, d)),
    registration:
      block.some((l) => isRegistrationId(l.text)) ||
      lines.some((l, i) => i !== index && repeats(l.text) && isRegistrationId(l.text)),
    bankAccount:
      block.some((l) => ibanPattern.test(l.text)) ||
      lines.some((l) => holderLabel.test(l.text) && repeats(l.text)),
    aboveTitle: line !== undefined && isAboveTitle(line, page),
  };
}

/** Above the title, or beside it on its row (a letterhead's name left, `INVOICE` right). */
export function isAboveTitle(line: TextLine, page: PageContext): boolean {
  const title = page.title;
  return title !== null && line !== title && line.top <= title.top + 0.5 * height(title);
}

/** Ties that name the issuer (everything but the place on the page). */
export function identityTies(ties: IssuerTies): number {
  return [ties.vendorLabel, ties.domain, ties.registration, ties.bankAccount].filter(Boolean).length;
}

/** `USt-IdNr. DE773104919`, `NIP: 123-456-78-90`: a registration label with an id of six digits or more. */
export function isRegistrationId(text: string): boolean {
  const label = registrationLabel.exec(text);
  if (label === null) return false;
  return (text.slice(label.index + label[0].length).match(/\d/gu) ?? []).length >= 6;
}

/** A name from the issuer's domain (`info@brandt-logistik.de` → `brandt logistik`), for the last resort. */
export function domainWords(text: string): string[] {
  const match = domainPattern.exec(text);
  if (match?.[1] === undefined) return [];
  // `oakridge-supplies.co(.uk)`, `mail.brandt(.de)`: the name is the last label that is not a generic one.
  const labels = match[1].toLowerCase().split('.');
  while (labels.length > 1 && genericLabels.has(labels.at(-1) ?? '')) labels.pop();
  const host = labels.at(-1) ?? '';
  return host === '' || mailHosts.has(host) ? [] : [host];
}

/** `INVOICE`, `Kopie factuur`, `Rechnung Nr. 12 vom 3. Mai 2024`. */
function isTitleLine(text: string): boolean {
  const trimmed = text.trim();
  return isDocumentTitle(trimmed) || leadingTitle(labelTokens(trimmed.split(/\s+/u)).map((t) => t.text)) > 0;
}

/** `Seller:` / `Sprzedawca:` / `Van:` on the line above. */
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
  const nameLetters = letters(name);
  const host = domain.replace(/[^a-z0-9]/gu, '');
  if (host.length < 3) return false;
  return (
    nameLetters.includes(host) ||
    host.includes(nameLetters.slice(0, Math.max(4, Math.min(nameLetters.length, 8))))
  );
}

function letters(text: string): string {
  return normaliseLabel(text).replace(/[^a-z0-9]/gu, '');
}

import { normaliseLabel } from './label-text.ts';
import {
  type ColumnField,
  columnFields,
  type LabelField,
  type LexiconLanguage,
  labelFields,
  lexiconLanguages,
  lexicons,
} from './lexicon/index.ts';

/**
 * The lexicons compiled once and asked questions of: which field a printed label names, whether a
 * line names the document, where a label leads a line of text, which languages a page is in.
 */

export interface LabelMatch<F extends string> {
  readonly field: F;
  readonly language: LexiconLanguage;
}

/** One phrase list as an anchored pattern: a space matches any spacing or none. */
function compile(phrases: readonly string[]): RegExp {
  const sources = phrases.map((p) => p.replace(/ \?/gu, ' ').replace(/ /gu, String.raw`\s*`));
  return new RegExp(`^(?:${sources.join('|')})$`, 'u');
}

const labelPatterns = lexiconLanguages.flatMap((language) =>
  labelFields.map((field) => ({ field, language, pattern: compile(lexicons[language].labels[field]) })),
);
/** Fields in the order a label is tried against them (a payable total before a plain one). */
const fieldOrder: readonly LabelField[] = [
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'amountDue',
  'subtotal',
  'tax',
  'total',
  'discount',
  'receiver',
  'vendor',
  'other',
];
/** One pattern per field over every language, tried first: most texts are no label at all. */
const fieldPatterns = fieldOrder.map((field) => ({
  field,
  any: compile(lexiconLanguages.flatMap((language) => lexicons[language].labels[field])),
  languages: labelPatterns.filter((p) => p.field === field),
}));
const columnPatterns = lexiconLanguages.flatMap((language) =>
  columnFields.map((field) => ({ field, language, pattern: compile(lexicons[language].columns[field]) })),
);
const titlePatterns = lexiconLanguages.map((language) => ({
  language,
  pattern: compile(lexicons[language].documentWords),
}));
const legalFormPattern = new RegExp(
  String.raw`(?:^|\s)(?:${[...new Set(lexiconLanguages.flatMap((l) => lexicons[l].legalForms))]
    .sort((a, b) => b.length - a.length)
    .map((form) => form.replace(/[\\^$.*+?()[\]{}|/]/gu, '\\$&').replace(/ /gu, String.raw`\s*`))
    .join('|')})$`,
  'u',
);

const customerNumberPattern = compile(lexiconLanguages.flatMap((l) => lexicons[l].customerNumbers));

/** Whether a line starts with the label of the customer's number (`Kundennummer: 10234`, `N° client 4711`). */
export function leadsWithCustomerNumber(text: string): boolean {
  const tokens = labelTokens(text.trim().split(/\s+/u)).map((t) => t.text);
  for (let n = Math.min(4, tokens.length); n >= 1; n--)
    if (customerNumberPattern.test(normaliseLabel(tokens.slice(0, n).join(' ')))) return true;
  return false;
}

/** Labels already looked up: a page asks about the same words many times (prefixes, candidates). */
const known = new Map<string, LabelMatch<LabelField> | null>();
const knownLimit = 20_000;

/** The field a whole label names, in whichever language names it first. */
export function labelField(text: string): LabelMatch<LabelField> | null {
  const cached = known.get(text);
  if (cached !== undefined) return cached;
  const match = lookUp(normaliseLabel(text));
  if (known.size >= knownLimit) known.clear();
  known.set(text, match);
  return match;
}

function lookUp(label: string): LabelMatch<LabelField> | null {
  if (label === '') return null;
  for (const { field, any, languages } of fieldPatterns) {
    if (!any.test(label)) continue;
    const hit = languages.find((p) => p.pattern.test(label));
    if (hit !== undefined) return { field, language: hit.language };
  }
  return null;
}

export function columnField(text: string): LabelMatch<ColumnField> | null {
  const header = normaliseLabel(text);
  const hit = columnPatterns.find((p) => p.pattern.test(header));
  return hit === undefined ? null : { field: hit.field, language: hit.language };
}

/** Text that only names the document or its copy: `INVOICE`, `Kopie factuur`, `Facture`. */
export function isDocumentTitle(text: string): boolean {
  return documentTitleLanguage(text) !== null;
}

export function documentTitleLanguage(text: string): LexiconLanguage | null {
  const title = normaliseLabel(text);
  return titlePatterns.find((p) => p.pattern.test(title))?.language ?? null;
}

/** Whether a company name ends in a legal form (`GmbH`, `B.V.`, `sp. z o.o.`, `Ltd`). */
export function hasLegalForm(name: string): boolean {
  return legalFormPattern.test(normaliseLabel(name.replace(/[,]/gu, ' ')));
}

/** `#1258`, `n°123`, `Nr.77`: a number sign glued to its number, split so each can be matched. */
const gluedNumberSign = /^(#|n[°º]\.?|no\.|nr\.?|nº\.?)(?=[\p{L}\p{N}])(.+)$/iu;

export interface LabelToken {
  readonly text: string;
  /** Index of the word the token is (part 0) or was split from (the sign is part 1, the rest part 2). */
  readonly word: number;
  readonly part: 0 | 1 | 2;
}

/** A line's words as tokens, with glued number signs split off. */
export function labelTokens(words: readonly string[]): LabelToken[] {
  return words.flatMap((word, index): LabelToken[] => {
    const glued = gluedNumberSign.exec(word);
    if (glued === null) return [{ text: word, word: index, part: 0 }];
    return [
      { text: glued[1] ?? '', word: index, part: 1 },
      { text: glued[2] ?? '', word: index, part: 2 },
    ];
  });
}

/** Labels run to at most this many tokens ("date limite de paiement", "total hors taxes"). */
const maxLabelTokens = 6;

/**
 * The longest label leading `tokens` (of a field `accept` allows), as its field and token count.
 *
 * @example leadingLabel(['Invoice', '#', '1258']) // { field: 'invoiceNumber', language: 'en', tokens: 2 }
 */
export function leadingLabel(
  tokens: readonly string[],
  accept: (field: LabelField) => boolean = () => true,
): (LabelMatch<LabelField> & { readonly tokens: number }) | null {
  for (let n = Math.min(maxLabelTokens, tokens.length); n >= 1; n--) {
    const match = labelField(tokens.slice(0, n).join(' '));
    if (match !== null && accept(match.field)) return { ...match, tokens: n };
  }
  return null;
}

/** How many of the tokens leading a line name the document (`Kopie factuur`, `FACTURE`), or 0. */
export function leadingTitle(tokens: readonly string[]): number {
  for (let n = Math.min(4, tokens.length); n >= 1; n--) {
    if (isDocumentTitle(tokens.slice(0, n).join(' '))) return n;
  }
  return 0;
}

/** Any label, column header or document word of any language: most lines are none. */
const anyPhrase = compile(
  lexiconLanguages.flatMap((l) => [
    ...Object.values(lexicons[l].labels).flat(),
    ...Object.values(lexicons[l].columns).flat(),
    ...lexicons[l].documentWords,
  ]),
);

/**
 * The languages a page's lines are in, most likely first: each label, column header or document
 * word counts once for each language that has it.
 */
export function pageLanguages(lines: readonly string[]): LexiconLanguage[] {
  const votes = new Map<LexiconLanguage, number>();
  const vote = (language: LexiconLanguage | undefined, weight = 1) => {
    if (language !== undefined) votes.set(language, (votes.get(language) ?? 0) + weight);
  };
  for (const line of lines) {
    const label = normaliseLabel(line.split(':')[0] ?? line);
    if (label === '' || label.length > 40 || !anyPhrase.test(label)) continue;
    for (const p of labelPatterns) if (p.pattern.test(label)) vote(p.language);
    for (const p of columnPatterns) if (p.pattern.test(label)) vote(p.language, 0.5);
    for (const p of titlePatterns) if (p.pattern.test(label)) vote(p.language, 2);
  }
  return [...votes].sort((a, b) => b[1] - a[1]).map(([language]) => language);
}

const titleDatePatterns = lexiconLanguages.map((language) => compile(lexicons[language].titleDateWords));

/** How many tokens leading `tokens` put a date after a title's number (`du`, `vom`, `z dnia`), or 0. */
export function titleDateWords(tokens: readonly string[]): number {
  for (let n = Math.min(3, tokens.length); n >= 1; n--) {
    const words = normaliseLabel(tokens.slice(0, n).join(' '));
    if (titleDatePatterns.some((p) => p.test(words))) return n;
  }
  return 0;
}

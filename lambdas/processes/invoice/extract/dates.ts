import { foldLetters } from './label-text.ts';
import { lexiconLanguages, lexicons } from './lexicon/index.ts';

/**
 * Dates as invoices print them, to ISO `YYYY-MM-DD`: numeric (`2021-01-31`, `01/31/2021`,
 * `31.01.2021`) and with month names in every lexicon's language (`01-Jan-2021`, `January 31, 2021`,
 * `31. Januar 2021`, `1er février 2021`, `3 de agosto de 2014`, `19 april 2014`, `3 sierpnia 2014 r.`).
 */

export interface ParsedDate {
  readonly iso: string;
  /** Day and month could have been either way round; the order came from `monthFirst`. */
  readonly ambiguous: boolean;
}

export interface DateOptions {
  /** Order of an ambiguous numeric `a/b/yyyy`: month first (US) or day first. */
  readonly monthFirst: boolean;
}

/** Month names and abbreviations of every lexicon, in matching form (`märz` → `marz`, `août` → `aout`). */
const months: ReadonlyMap<string, number> = monthTable();

const weekdays = lexiconLanguages.flatMap((l) => lexicons[l].weekdays).sort((a, b) => b.length - a.length);
const weekday = new RegExp(
  `^(?:${weekdays.map((w) => w.replace(/ /gu, '[\\s-]*')).join('|')})\\.?,?\\s+`,
  'u',
);
/** Words between a date's parts (`de`, `of`, `r.`), dropped wherever they stand alone. */
const dateWords = new RegExp(
  `(?<=^|\\s)(?:${[...new Set(lexiconLanguages.flatMap((l) => lexicons[l].dateWords))].join('|')})\\.?(?=\\s|$|,)`,
  'gu',
);
const isoDate = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const numericDate = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/;
const dayMonthYear = /^(\d{1,2})(?:st|nd|rd|th|er|o|\.)?[\s\-/.]*(\p{L}+)\.?[\s\-/.,]*(\d{4}|\d{2})$/u;
const monthDayYear = /^(\p{L}+)\.?[\s\-/.]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.,]*(\d{4})$/u;

/**
 * Parses a printed date; null when it matches no known form or names no real day.
 *
 * @example parseDate('12/07/2019', { monthFirst: true }) // { iso: '2019-12-07', ambiguous: true }
 */
export function parseDate(text: string, options: DateOptions): ParsedDate | null {
  const s = foldLetters(text)
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(weekday, '')
    .replace(dateWords, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  let m = isoDate.exec(s);
  if (m) return build(m[1], m[2], m[3], false);
  m = numericDate.exec(s);
  if (m) return numeric(Number(m[1]), m[2] === '.', Number(m[3]), m[4] ?? '', options);
  m = dayMonthYear.exec(s);
  if (m) return named(m[1], m[2], m[3]);
  m = monthDayYear.exec(s);
  if (m) return named(m[2], m[1], m[3]);
  return null;
}

/** `a/b/yyyy`: a part above 12 decides; dotted dates are day-first by convention; else the option. */
function numeric(
  a: number,
  dotted: boolean,
  b: number,
  year: string,
  options: DateOptions,
): ParsedDate | null {
  if (a > 12 || b > 12 || a === b) {
    const [day, month] = a > 12 || (a === b && b <= 12) ? [a, b] : [b, a];
    return build(year, String(month), String(day), false);
  }
  if (dotted) return build(year, String(b), String(a), false);
  const [day, month] = options.monthFirst ? [b, a] : [a, b];
  return build(year, String(month), String(day), true);
}

function named(day: string | undefined, monthName: string | undefined, year: string | undefined) {
  const month = months.get(monthName ?? '');
  return month === undefined ? null : build(year, String(month), day, false);
}

function build(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  ambiguous: boolean,
): ParsedDate | null {
  let y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  // Two-digit years: invoices are recent, so 70–99 are the 1900s and the rest this century.
  if (year?.length === 2) y += y >= 70 ? 1900 : 2000;
  if (!Number.isInteger(y) || y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return { iso: `${y}-${pad(mo)}-${pad(d)}`, ambiguous };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Every lexicon's month names to month numbers; a name two languages give different months would be a data error. */
function monthTable(): Map<string, number> {
  const table = new Map<string, number>();
  for (const language of lexiconLanguages)
    lexicons[language].months.forEach((names, i) => {
      for (const name of names) {
        const known = table.get(name);
        if (known !== undefined && known !== i + 1)
          throw new Error(`Month name ${name} is month ${known} and ${i + 1} (${language})`);
        table.set(name, i + 1);
      }
    });
  return table;
}

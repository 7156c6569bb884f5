/**
 * Money amounts as invoices print them, to decimal strings with exactly two places. The decimal and
 * grouping separators are read from the number itself (`1.234,56`, `1,234.56`, `1 234,56`,
 * `1'234.50`, `1,23,456.00`), never from a locale, because one invoice may mix a German layout with a US total.
 */

/** Digit runs joined by single separators: `.`, `,`, apostrophes or (narrow / no-break) spaces. */
const numberCore = /\d+(?:[.,'’\u00a0\u202f ]\d+)*/g;
const separator = /[.,'’\u00a0\u202f ]/g;

/**
 * Parses a printed amount; null when the text holds no number, several numbers, or digit groups that
 * fit no convention (OCR noise such as `P14. 50`).
 *
 * @example parseAmount('1.234,56 €') // '1234.56'
 */
export function parseAmount(text: string): string | null {
  const cents = parseAmountCents(text);
  return cents === null ? null : formatCents(cents);
}

/** The amount in cents, rounded half away from zero when more than two decimals are printed. */
export function parseAmountCents(text: string): bigint | null {
  const matches = [...text.matchAll(numberCore)];
  if (matches.length !== 1) return null;
  const match = matches[0];
  if (match === undefined) return null;
  const core = match[0];
  const parts = splitNumber(core);
  if (parts === null) return null;
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + core.length);
  return isNegative(before, after) ? -toCents(parts) : toCents(parts);
}

/** Cents of an amount already in Tower's form (`-1234.50`). */
export function centsOf(amount: string): bigint {
  const cents = parseAmountCents(amount);
  if (cents === null) throw new Error('Not a normalised amount');
  return cents;
}

export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

interface NumberParts {
  readonly integer: string;
  readonly fraction: string;
}

function splitNumber(core: string): NumberParts | null {
  const groups = core.split(separator);
  const seps = (core.match(separator) ?? []).map(groupClass);
  const last = seps.at(-1);
  const lastGroup = groups.at(-1) ?? '';
  const earlier = seps.slice(0, -1);
  const decimal =
    (last === '.' || last === ',') &&
    (lastGroup.length !== 3 ||
      (earlier.length > 0 && earlier.every((s) => s !== last)) ||
      (earlier.length === 0 && groups[0] === '0'));
  const intGroups = decimal ? groups.slice(0, -1) : groups;
  const intSeps = decimal ? earlier : seps;
  if (!validGrouping(intGroups, intSeps, decimal ? last : undefined)) return null;
  return { integer: intGroups.join(''), fraction: decimal ? lastGroup : '' };
}

/**
 * Thousands groups: one kind of separator, never the decimal one, 1–3 digits first, then threes; or
 * the Indian lakh grouping (`1,23,45,678`): twos, then a final three.
 */
function validGrouping(groups: readonly string[], seps: readonly string[], decimal?: string): boolean {
  if (seps.length === 0) return true;
  const kind = seps[0];
  if (kind === decimal || seps.some((s) => s !== kind)) return false;
  const [first, ...rest] = groups;
  if (first === undefined || first.length > 3) return false;
  if (rest.every((g) => g.length === 3)) return true;
  const last = rest.at(-1);
  return (
    kind === ',' && first.length <= 2 && last?.length === 3 && rest.slice(0, -1).every((g) => g.length === 2)
  );
}

/** All space-like characters group alike, and so do both apostrophes. */
function groupClass(sep: string): string {
  if (sep === '’') return "'";
  if (sep === '\u00a0' || sep === '\u202f') return ' ';
  return sep;
}

function toCents({ integer, fraction }: NumberParts): bigint {
  const padded = fraction.padEnd(2, '0');
  let cents = BigInt(integer) * 100n + BigInt(padded.slice(0, 2));
  if ((padded[2] ?? '0') >= '5') cents += 1n;
  return cents;
}

/** `-12.00`, `−12.00`, `12.00-` and the accountants' `(12.00)` are all negative. */
function isNegative(before: string, after: string): boolean {
  if (/[-−]\s*$/.test(before.replace(/[^\d\s()\-−]/g, ''))) return true;
  if (/^\s*[-−]/.test(after)) return true;
  return before.includes('(') && after.includes(')');
}

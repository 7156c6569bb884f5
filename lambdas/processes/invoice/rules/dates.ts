/** Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so no time zone shifts a due date. */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 24 * 3600 * 1000;

/** True for a real calendar date in ISO form (2024-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 0) - 1, d ?? 0));
  return date.toISOString().slice(0, 10) === value;
}

/** The ISO date `days` after `date`. */
export function addDays(date: string, days: number): string {
  if (!isIsoDate(date)) throw new RangeError('Not an ISO date');
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

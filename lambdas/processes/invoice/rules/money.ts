/**
 * Exact money arithmetic on decimal strings. Amounts travel as strings ('1234.50') and are compared
 * as integer cents in BigInt, so no threshold decision ever depends on floating-point rounding.
 */

const amountPattern = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Integer cents of a decimal string with at most two places, or null when it is not one. */
export function toCents(amount: string): bigint | null {
  const match = amountPattern.exec(amount.trim());
  if (!match) return null;
  const [, sign = '', units = '0', fraction = ''] = match;
  const cents = BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign === '-' ? -cents : cents;
}

export function isAmount(value: unknown): value is string {
  return typeof value === 'string' && toCents(value) !== null;
}

/** A two-place decimal string of integer cents: 123450n → '1234.50'. */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${abs / 100n}.${fraction}`;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`; null when either is not an amount. */
export function compareAmounts(a: unknown, b: unknown): -1 | 0 | 1 | null {
  if (typeof a !== 'string' || typeof b !== 'string') return null;
  const x = toCents(a);
  const y = toCents(b);
  if (x === null || y === null) return null;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `percent` of an amount, rounded half away from zero to the cent. The percent is taken in basis
 * points, so it must have at most two decimal places (2, 1.5, 0.25).
 *
 * @example percentOf('1234.50', 2) // '24.69'
 */
export function percentOf(amount: string, percent: number): string {
  const cents = toCents(amount);
  if (cents === null) throw new RangeError('Not a decimal amount');
  const basisPoints = Math.round(percent * 100);
  if (Math.abs(basisPoints - percent * 100) > 1e-9) throw new RangeError('Percent has more than two places');
  const scaled = cents * BigInt(basisPoints);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const rounded = (abs + 5000n) / 10000n;
  return fromCents(negative ? -rounded : rounded);
}

/**
 * Compares decimal strings exactly (no floating point): `amountAbove('1000.01', '1000.00')` is true.
 * An unparseable amount is never above anything; a null threshold is never exceeded.
 */
export function amountAbove(amount: string, threshold: string | null): boolean {
  if (threshold === null) return false;
  const a = scaled(amount);
  const t = scaled(threshold);
  if (a === undefined || t === undefined) return false;
  const places = Math.max(a.places, t.places);
  return a.digits * 10n ** BigInt(places - a.places) > t.digits * 10n ** BigInt(places - t.places);
}

function scaled(value: string): { digits: bigint; places: number } | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = match;
  return { digits: BigInt(`${sign}${whole}${fraction}`), places: fraction.length };
}

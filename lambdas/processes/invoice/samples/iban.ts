import type { Random } from './prng.ts';

/**
 * IBANs with valid check digits (ISO 13616, mod 97), so a sample's bank account survives any
 * validation a reader applies. The numbers are random and belong to nobody.
 */

/** Country code and the BBAN's shape: `n` digits, `a` capital letters. */
const shapes = {
  DE: 'nnnnnnnnnnnnnnnnnn',
  FR: 'nnnnnnnnnnnnnnnnnnnnnnn',
  GB: 'aaaannnnnnnnnnnnnn',
  CH: 'nnnnnnnnnnnnnnnnn',
  NL: 'aaaannnnnnnnnn',
  ES: 'nnnnnnnnnnnnnnnnnnnn',
  IT: 'annnnnnnnnnnnnnnnnnnnnn',
  PT: 'nnnnnnnnnnnnnnnnnnnnn',
  PL: 'nnnnnnnnnnnnnnnnnnnnnnnn',
} as const;

export type IbanCountry = keyof typeof shapes;

export function randomIban(random: Random, country: IbanCountry): string {
  const bban = [...shapes[country]]
    .map((kind) => (kind === 'n' ? String(random.int(0, 9)) : String.fromCharCode(65 + random.int(0, 25))))
    .join('');
  return `${country}${checkDigits(country, bban)}${bban}`;
}

/** @example isValidIban('DE89370400440532013000') // true */
export function isValidIban(iban: string): boolean {
  return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban) && mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1;
}

function checkDigits(country: string, bban: string): string {
  return String(98 - mod97(`${bban}${country}00`)).padStart(2, '0');
}

/** Letters count as 10–35; the remainder is taken piecewise so no big integers are needed. */
function mod97(text: string): number {
  const digits = [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest;
}

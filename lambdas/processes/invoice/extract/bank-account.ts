import { sha256Hex } from '../../../platform/shared/hash.ts';

/**
 * The payee's bank account, kept only as a hash: scoring compares it with the vendor's history to
 * spot a changed account (a classic invoice fraud) without Tower ever storing the number.
 */

/** Labels of an IBAN or account number, in English, German and French. */
const accountLabel =
  /\b(?:iban|bank\s*account|bank\s*acc(?:oun)?t\.?\s*(?:no|nr|number|#)?|account\s*(?:no|nr|number)\b|acct\.?\s*(?:no|nr|number)\b|kontonummer|konto[\s.-]*(?:nr|nummer)\b|bankverbindung|rib\b|num[ée]ro\s+de\s+compte|n[°o]\s*de\s*compte)/iu;

export interface LabelledValue {
  readonly label: string | null;
  readonly value: string;
  readonly confidence: number;
}

export function isAccountLabel(label: string): boolean {
  return accountLabel.test(label);
}

/**
 * The account number without spaces, dots or dashes, upper case; null when the value is masked
 * (`**** 3433`) or is no plausible IBAN or account number.
 *
 * @example normaliseAccountNumber('DE89 3704 0044 0532 0130 00') // 'DE89370400440532013000'
 */
export function normaliseAccountNumber(value: string): string | null {
  if (/[*•]|x{3,}/iu.test(value)) return null;
  const compact = value
    .toUpperCase()
    .replace(/^\s*(?:IBAN|RIB)\s*:?/u, '')
    .replace(/[\s.\-/]/gu, '');
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/u.test(compact)) return compact;
  const digits = compact.replace(/\D/gu, '').length;
  return /^[A-Z0-9]{6,34}$/u.test(compact) && digits >= 6 ? compact : null;
}

/** SHA-256 of the best-read account number among fields labelled as one; null when there is none. */
export function bankAccountHash(fields: readonly LabelledValue[]): string | null {
  const candidates = fields
    .filter((f) => f.label !== null && isAccountLabel(f.label))
    .sort((a, b) => b.confidence - a.confidence);
  for (const field of candidates) {
    const account = normaliseAccountNumber(field.value);
    if (account !== null) return sha256Hex(account);
  }
  return null;
}

import { amountAbove } from '../amounts.ts';
import { formatAmount } from '../format.ts';
import type { AmountField, DateField, NumberField, ScalarField, ScalarValue } from './types.ts';

/** One field's input as posted: its text, and the currency for an amount. */
export interface ScalarInput {
  readonly text: string;
  readonly currency?: string;
}

/** A field's parsed value, nothing when left empty, or why it is refused (in words for the person). */
export type Checked =
  | { readonly ok: true; readonly value?: ScalarValue }
  | { readonly ok: false; readonly error: string };

const refused = (error: string): Checked => ({ ok: false, error });
const decimalPattern = /^-?\d{1,15}(\.\d{1,2})?$/;

/** Whether a `YYYY-MM-DD` text is a real calendar day (not 2026-02-30). */
export const isCalendarDate = (text: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

function checkNumber(field: NumberField, text: string): Checked {
  if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(text)) return refused('Enter a number, such as 12 or 12.5.');
  const value = Number(text);
  if (field.integer && !Number.isInteger(value)) return refused('Enter a whole number.');
  if (field.min !== undefined && value < field.min) return refused(`Enter ${field.min} or more.`);
  if (field.max !== undefined && value > field.max) return refused(`Enter ${field.max} or less.`);
  return { ok: true, value };
}

function checkAmount(field: AmountField, input: ScalarInput): Checked {
  // Group separators are accepted as typed (1,234.50); the value is stored with two places.
  const text = input.text.replace(/[,\s]/g, '');
  if (!decimalPattern.test(text))
    return refused('Enter an amount with at most two decimals, such as 1250.00.');
  const [whole = '0', cents = ''] = text.split('.');
  const value = `${whole}.${cents.padEnd(2, '0')}`;
  const currency = input.currency ?? field.currencies[0] ?? '';
  if (!field.currencies.includes(currency)) return refused(`Choose one of ${field.currencies.join(', ')}.`);
  if (field.min !== undefined && amountAbove(field.min, value))
    return refused(`Enter ${formatAmount(field.min, currency)} or more.`);
  if (field.max !== undefined && amountAbove(value, field.max))
    return refused(`Enter ${formatAmount(field.max, currency)} or less.`);
  return { ok: true, value: { value, currency } };
}

function checkDate(field: DateField, text: string): Checked {
  if (!isCalendarDate(text)) return refused('Enter a date as YYYY-MM-DD, such as 2026-03-31.');
  if (field.min !== undefined && text < field.min) return refused(`Enter ${field.min} or later.`);
  if (field.max !== undefined && text > field.max) return refused(`Enter ${field.max} or earlier.`);
  return { ok: true, value: text };
}

function checkText(
  field: ScalarField & { minLength?: number; maxLength?: number },
  text: string,
  max: number,
): Checked {
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength)
    return refused(`Enter at least ${field.minLength} characters.`);
  if (length > (field.maxLength ?? max))
    return refused(`Enter at most ${field.maxLength ?? max} characters.`);
  if (
    field.type === 'text' &&
    field.pattern !== undefined &&
    !new RegExp(`^(?:${field.pattern})$`, 'u').test(text)
  )
    return refused('This is not in the expected format.');
  return { ok: true, value: text };
}

/**
 * Checks one field's input: empty is refused only when required (`required` says why, in words); every
 * reason is worded for the person and names no value.
 */
export function checkScalar(field: ScalarField, input: ScalarInput, required?: string): Checked {
  const text = field.type === 'multiline' ? input.text.replace(/\r\n?/g, '\n').trim() : input.text.trim();
  if (text === '') return required === undefined ? { ok: true } : refused(required);
  switch (field.type) {
    case 'number':
      return checkNumber(field, text);
    case 'amount':
      return checkAmount(field, { text, currency: input.currency });
    case 'date':
      return checkDate(field, text);
    case 'choice':
      return field.options.some((o) => o.value === text)
        ? { ok: true, value: text }
        : refused('Choose one of the options.');
    case 'text':
      return checkText(field, text, 200);
    case 'multiline':
      return checkText(field, text, 2000);
  }
}

/** A value as an input's text again (what a hidden field carries, what a default pre-fills). */
export function inputOf(value: unknown): ScalarInput {
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number' && Number.isFinite(value)) return { text: String(value) };
  if (value !== null && typeof value === 'object' && 'value' in value) {
    const amount = value as { value: unknown; currency?: unknown };
    return {
      text: typeof amount.value === 'string' ? amount.value : '',
      ...(typeof amount.currency === 'string' ? { currency: amount.currency } : {}),
    };
  }
  return { text: '' };
}

import type { LineItem } from '../domain/invoice.ts';
import { parseAmount } from './amounts.ts';
import type { RawField } from './expense-fields.ts';
import { bestOfType, roundConfidence } from './pick-field.ts';

/**
 * Line items from Textract's LineItemExpenseFields: ITEM, QUANTITY, UNIT_PRICE and PRICE, each the
 * best-read one when a row repeats a type, with the row's confidence the lowest among them.
 */

export interface LineItemsResult {
  readonly lineItems: readonly LineItem[];
  readonly warnings: readonly string[];
}

export function normaliseLineItems(rows: readonly (readonly RawField[])[]): LineItemsResult {
  const warnings: string[] = [];
  const lineItems = rows.map((row, i): LineItem => {
    const item = bestOfType(row, 'ITEM');
    const quantity = bestOfType(row, 'QUANTITY');
    const unitPrice = bestOfType(row, 'UNIT_PRICE');
    const price = bestOfType(row, 'PRICE');
    const read = <T>(field: RawField | undefined, name: string, parse: (text: string) => T | null) => {
      if (field === undefined) return null;
      const value = parse(field.value);
      if (value === null) warnings.push(`lineItems[${i}].${name}: unparseable`);
      return value;
    };
    const present = [item, quantity, unitPrice, price].filter((f) => f !== undefined);
    return {
      description: item === undefined ? null : collapse(item.value),
      quantity: read(quantity, 'quantity', parseQuantity),
      unitPrice: read(unitPrice, 'unitPrice', parseAmount),
      amount: read(price, 'amount', parseAmount),
      confidence: present.length === 0 ? 0 : roundConfidence(Math.min(...present.map((f) => f.confidence))),
    };
  });
  return { lineItems, warnings };
}

/**
 * A quantity as a plain decimal string, a trailing unit allowed (`4,5 h` → `4.5`).
 *
 * @example parseQuantity('2 pcs') // '2'
 */
export function parseQuantity(text: string): string | null {
  const m = /^(\d+)(?:[.,](\d+))?\s*\p{L}*\.?$/u.exec(text.trim());
  if (!m) return null;
  const integer = String(Number(m[1]));
  const fraction = (m[2] ?? '').replace(/0+$/u, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

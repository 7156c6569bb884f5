import { type ReadField, readField } from '../../../platform/shared/read-fields.ts';
import { fieldLabels, type HeaderField, headerFields, type NormalizedInvoice } from '../domain/invoice.ts';

/**
 * The header as the EXTRACTED audit event records it: each field's value and confidence, with the rule
 * set's threshold where the rules check the field (the others have none).
 */
export function invoiceReadFields(
  invoice: NormalizedInvoice,
  thresholds: Readonly<Partial<Record<HeaderField, number>>>,
): ReadField[] {
  return headerFields.map((name) => {
    const field = invoice[name];
    const threshold = thresholds[name];
    return readField({
      name,
      label: fieldLabels[name],
      value: field?.value ?? null,
      confidence: field?.confidence ?? null,
      ...(threshold === undefined ? {} : { threshold }),
    });
  });
}

import { formatAmount } from '../../../platform/human-step/format.ts';
import type { HumanStepFact } from '../../../platform/human-step/request.ts';
import type { Field, InvoiceHeader } from '../domain/invoice.ts';
import type { RulesResult } from '../domain/workflow.ts';
import type { CheckedField, FieldFact } from './facts.ts';

/** What the facts are built from: the header, the rules' view of each checked field, the due date and terms. */
export interface FactsInput {
  readonly invoice: InvoiceHeader;
  readonly fields: Readonly<Record<CheckedField, FieldFact>>;
  /** The due date the rules settled on: the printed one, else the invoice date plus the terms. */
  readonly dueDate: string | null;
  /** Whether that due date was printed on the invoice (false: computed from the terms). */
  readonly dueDateRead: boolean;
  readonly terms: RulesResult['terms'];
}

/** The rules hold this field below its threshold, or could not use it at all. */
const flagged = (f: FieldFact) => !f.present || (f.confidence !== null && f.confidence < f.minConfidence);

/** Why a flagged field is flagged, in a few words; the reasons say what to check. */
const why = (f: FieldFact) =>
  f.present ? `below the ${f.minConfidence} the rules require` : 'not read well enough to use';

/** A field read from the invoice, with its confidence and, when the rules flag it, the mark and why. */
function read(label: string, value: string, field: Field | null, fact?: FieldFact): HumanStepFact {
  const check = fact !== undefined && flagged(fact);
  return {
    label,
    value,
    ...(field ? { confidence: field.confidence } : {}),
    ...(check ? { check: true, note: why(fact) } : {}),
  };
}

/**
 * The invoice's header as the person sees it: each value with how sure the reader was, the fields the
 * rules flag marked, subtotal and tax to compare the total with, and a due date computed from the terms
 * shown as derived, never as read.
 */
export function invoiceFacts(input: FactsInput): HumanStepFact[] {
  const { invoice, fields } = input;
  const currency = invoice.currency?.value ?? null;
  const money = (f: Field | null) => formatAmount(f?.value ?? null, currency);
  const amount = read('Amount', money(invoice.total), invoice.total, fields.total);
  const currencyFlagged = flagged(fields.currency);
  const facts: HumanStepFact[] = [
    read('Vendor', invoice.vendor?.value ?? '—', invoice.vendor, fields.vendor),
    read('Invoice', invoice.invoiceNumber?.value ?? '—', invoice.invoiceNumber, fields.invoiceNumber),
    currencyFlagged
      ? {
          ...amount,
          check: true,
          note: [amount.note, `currency ${why(fields.currency)}`].filter(Boolean).join('; '),
        }
      : amount,
    ...(invoice.subtotal ? [read('Subtotal', money(invoice.subtotal), invoice.subtotal)] : []),
    ...(invoice.tax ? [read('Tax', money(invoice.tax), invoice.tax)] : []),
    read('Invoice date', invoice.invoiceDate?.value ?? '—', invoice.invoiceDate, fields.invoiceDate),
  ];
  if (input.dueDate === null) facts.push({ label: 'Due', value: '—' });
  else if (input.dueDateRead) facts.push(read('Due', input.dueDate, invoice.dueDate));
  else
    facts.push({
      label: 'Due',
      value: input.dueDate,
      derived: `invoice date + ${input.terms.days} days (${input.terms.code} terms); no due date was read`,
    });
  return facts;
}

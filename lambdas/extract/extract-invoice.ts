import type { NormalizedInvoice } from '../shared/invoice.ts';
import type { DocumentRef } from '../shared/workflow.ts';
import type { ExpenseResponse } from './expense-fields.ts';
import { checkInput, checkSize, sniffKind, sniffLength } from './input-checks.ts';
import { normaliseExpense } from './normalise-expense.ts';
import type { ExtractDeps } from './ports.ts';
import { mapTextractError } from './textract-errors.ts';

type ExtractPorts = Pick<ExtractDeps, 'headDocument' | 'readDocument' | 'analyzeExpense'>;

/**
 * Reads a document afresh: checks the input (reading only its first bytes, or the whole of a PDF),
 * asks Textract, and normalises the answer. Every failure leaves here classified.
 */
export async function extractInvoice(deps: ExtractPorts, doc: DocumentRef): Promise<NormalizedInvoice> {
  const head = await deps.headDocument(doc);
  checkSize(head.size);
  const first = await deps.readDocument(doc, sniffLength);
  const bytes = sniffKind(first) === 'pdf' && head.size > first.length ? await deps.readDocument(doc) : first;
  checkInput({ size: head.size, contentType: head.contentType ?? doc.contentType, bytes });
  let response: ExpenseResponse;
  try {
    response = await deps.analyzeExpense(doc);
  } catch (error) {
    throw mapTextractError(error);
  }
  return normaliseExpense(response);
}

import { z } from 'zod';
import { bucketPrefixes } from '../registry/functions.ts';
import type { NormalizedInvoice } from '../shared/invoice.ts';

/**
 * The extraction artifact: the full normalised invoice, line items included, stored once per document
 * so a retry or a redrive reuses it instead of paying Textract again.
 */

export function extractionKey(documentId: string): string {
  return `${bucketPrefixes.extractions}${documentId}.json`;
}

const field = z.object({ value: z.string(), confidence: z.number() }).nullable();

const invoiceSchema = z.object({
  vendor: field,
  invoiceNumber: field,
  invoiceDate: field,
  dueDate: field,
  currency: field,
  subtotal: field,
  tax: field,
  total: field,
  bankAccountHash: z.string().nullable(),
  lineItems: z.array(
    z.object({
      description: z.string().nullable(),
      quantity: z.string().nullable(),
      unitPrice: z.string().nullable(),
      amount: z.string().nullable(),
      confidence: z.number(),
    }),
  ),
  pageCount: z.number().int(),
  warnings: z.array(z.string()),
});

/** A stored artifact, or undefined when it is not valid JSON of a normalised invoice. */
export function parseArtifact(body: string): NormalizedInvoice | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = invoiceSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

import * as z from 'zod/mini';
import { bucketPrefixes } from '../../../platform/registry/functions.ts';
import type { NormalizedInvoice } from '../domain/invoice.ts';

/**
 * The extraction artifact: the full normalised invoice, line items included, stored once per document
 * so a retry or a redrive reuses it instead of paying Textract again.
 */

export function extractionKey(documentId: string): string {
  return `${bucketPrefixes.extractions}${documentId}.json`;
}

const field = z.nullable(z.object({ value: z.string(), confidence: z.number() }));

const invoiceSchema = z.object({
  vendor: field,
  invoiceNumber: field,
  invoiceDate: field,
  dueDate: field,
  currency: field,
  subtotal: field,
  tax: field,
  total: field,
  bankAccountHash: z.nullable(z.string()),
  lineItems: z.array(
    z.object({
      description: z.nullable(z.string()),
      quantity: z.nullable(z.string()),
      unitPrice: z.nullable(z.string()),
      amount: z.nullable(z.string()),
      confidence: z.number(),
    }),
  ),
  pageCount: z.number().check(z.int()),
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

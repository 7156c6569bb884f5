import * as z from 'zod/mini';
import { bucketPrefixes } from '../../../platform/registry/names.ts';
import type { DocumentRef } from '../../../platform/shared/workflow.ts';
import type { NormalizedInvoice } from '../domain/invoice.ts';
import { parseStoredJson } from './stored-json.ts';

/**
 * The extraction artifact: the full normalised invoice, line items included, stored once per document
 * so a retry or a redrive reuses it instead of paying Textract again.
 */

/** Which document an extraction belongs to: its id, its process, its content hash. */
export type ExtractedDocument = Pick<DocumentRef, 'documentId' | 'process' | 'contentSha256'>;

/** `extractions/<process>/<documentId>.json`: a process reads and writes only its own part. */
export function extractionKey(document: ExtractedDocument): string {
  return `${bucketPrefixes.extractions}${document.process}/${document.documentId}.json`;
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
  activeContent: z.optional(
    z.array(
      z.object({
        kind: z.enum(['javascript', 'launch', 'embedded-file', 'rich-media', 'xfa']),
        automatic: z.boolean(),
      }),
    ),
  ),
});

/** A stored artifact, or undefined when it is not valid JSON of a normalised invoice. */
export function parseArtifact(body: string): NormalizedInvoice | undefined {
  return parseStoredJson(invoiceSchema, body);
}

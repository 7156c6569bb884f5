import { readFileSync } from 'node:fs';
import type { Block, ExpenseField } from '@aws-sdk/client-textract';
import type { ExpenseResponse } from '../../../../../lambdas/processes/invoice/extract/expense-fields.ts';

/** Recorded Textract responses (test/fixtures/textract, see its NOTICE.md). */
export function recordedResponse(name: string): ExpenseResponse {
  const url = new URL(`../../../../fixtures/textract/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ExpenseResponse;
}

export interface FieldOptions {
  readonly label?: string;
  readonly page?: number;
  readonly currency?: string;
  readonly groups?: readonly string[];
}

/** One expense field the way Textract writes it. */
export function field(
  type: string,
  value: string,
  confidence = 99,
  options: FieldOptions = {},
): ExpenseField {
  return {
    Type: { Text: type, Confidence: 99 },
    LabelDetection: options.label === undefined ? undefined : { Text: options.label, Confidence: 99 },
    ValueDetection: { Text: value, Confidence: confidence },
    PageNumber: options.page ?? 1,
    Currency: options.currency === undefined ? undefined : { Code: options.currency },
    GroupProperties: options.groups === undefined ? undefined : [{ Types: [...options.groups], Id: 'g1' }],
  };
}

/** A LINE block at (left, top), as fractions of the page, about 1.5 % of the page high. */
export function lineBlock(text: string, left: number, top: number, height = 0.015): Block {
  return {
    BlockType: 'LINE',
    Text: text,
    Confidence: 99,
    Geometry: { BoundingBox: { Left: left, Top: top, Width: text.length * height * 0.5, Height: height } },
    Page: 1,
  };
}

/** A one-document response with these summary fields and line items (and LINE blocks, when given). */
export function response(
  summary: readonly ExpenseField[],
  lineItems: readonly (readonly ExpenseField[])[] = [],
  pages = 1,
  lines: readonly Block[] = [],
): ExpenseResponse {
  return {
    DocumentMetadata: { Pages: pages },
    ExpenseDocuments: [
      {
        ExpenseIndex: 1,
        Blocks: [...lines],
        SummaryFields: [...summary],
        LineItemGroups: [
          {
            LineItemGroupIndex: 1,
            LineItems: lineItems.map((fields) => ({ LineItemExpenseFields: [...fields] })),
          },
        ],
      },
    ],
  };
}
